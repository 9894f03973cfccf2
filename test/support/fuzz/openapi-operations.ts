/**
 * The operations of an OpenAPI 3 document as the fuzzer needs them: path, method, parameters
 * and the JSON body schema, with every `$ref` resolved against the document's components.
 */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  example?: unknown;
  default?: unknown;
  $ref?: string;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  id: string;
  parameters: Parameter[];
  /** The application/json request body's schema, when the document declares one. */
  body: Schema | null;
  /** Whether the document says a bearer token is needed (null: it says nothing). */
  needsBearer: boolean | null;
}

interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  operationId?: string;
  parameters?: { name: string; in: Parameter['in']; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: Record<string, string[]>[];
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function operationsOf(document: Document): Operation[] {
  const resolve = resolver(document);
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, raw]) => ({
        method: method as Operation['method'],
        path,
        id: `${method.toUpperCase()} ${path}`,
        parameters: (raw.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: p.required === true, schema: resolve(p.schema ?? {}) })),
        body: raw.requestBody?.content?.['application/json']?.schema ? resolve(raw.requestBody.content['application/json'].schema) : null,
        needsBearer: raw.security ? raw.security.some((requirement) => Object.keys(requirement).some((name) => /bearer/i.test(name))) : null,
      })),
  );
}

/** Inlines `$ref`s (and one-element allOf wrappers) to the depth a request body can have. */
function resolver(document: Document): (schema: Schema, depth?: number) => Schema {
  const resolve = (schema: Schema, depth = 0): Schema => {
    if (depth > 8) return {};
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      return resolve({ ...(document.components?.schemas?.[name] ?? {}), ...withoutRef(schema) }, depth + 1);
    }
    if (schema.allOf?.length === 1) return resolve({ ...schema.allOf[0], ...schema, allOf: undefined }, depth + 1);
    const properties = schema.properties ? Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolve(value, depth + 1)])) : undefined;
    const items = schema.items ? resolve(schema.items, depth + 1) : undefined;
    return { ...schema, properties, items };
  };
  return resolve;
}

function withoutRef(schema: Schema): Schema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}
