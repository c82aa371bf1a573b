/**
 * Read endpoints may also be called with GET and bracketed query parameters ([G]; [T] viaacode:
 * `?page[number]=2&page[size]=100&filter[updated_since]=…`, `?id=<uuid>`). This turns such a query
 * into the JSON body the handlers expect. `page.size` / `page.number` become numbers; `[]` or a
 * repeated key makes a list.
 */
type Json = string | number | Json[] | { [key: string]: Json };

export function queryToBody(params: URLSearchParams): Record<string, Json> {
  const body: Record<string, Json> = {};
  for (const [rawKey, value] of params) {
    const parts = rawKey.replace(/\]/g, '').split('[');
    const isList = rawKey.endsWith('[]');
    if (isList) parts.pop();
    let node: Record<string, Json> = body;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      if (!last) {
        const next = node[part];
        if (typeof next !== 'object' || Array.isArray(next)) node[part] = {};
        node = node[part] as Record<string, Json>;
        return;
      }
      const typed: Json = parts[0] === 'page' && /^\d+$/.test(value) ? Number(value) : value;
      const existing = node[part];
      if (isList || existing !== undefined) node[part] = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), typed];
      else node[part] = typed;
    });
  }
  return body;
}
