/** The shipped templates as a catalog. */
import { builtinTemplates } from './builtin-templates';
import { TemplateCatalog } from './template-catalog';

export function createTemplateCatalog(): TemplateCatalog {
  return new TemplateCatalog(builtinTemplates);
}

export { TemplateCatalog, TemplateError, type CreateFromTemplate } from './template-catalog';
export { updateFromTemplate } from './template-update';
