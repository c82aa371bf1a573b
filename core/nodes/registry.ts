/**
 * The node types a run can use. Built-in generic nodes and each connector's nodes register here;
 * the editor lists them (grouped by kind and app) from the same registry.
 */
import { describeNodeType, type NodeType, type NodeTypeDescriptor } from './define-node';

export class NodeRegistry {
  private readonly types = new Map<string, NodeType>();

  constructor(types: readonly NodeType[] = []) {
    for (const t of types) this.register(t);
  }

  register(def: NodeType): this {
    if (this.types.has(def.type)) throw new Error(`node type "${def.type}" is registered twice`);
    this.types.set(def.type, def);
    return this;
  }

  get(type: string): NodeType | undefined {
    return this.types.get(type);
  }

  list(): NodeType[] {
    return [...this.types.values()];
  }

  describe(): NodeTypeDescriptor[] {
    return this.list().map(describeNodeType);
  }
}
