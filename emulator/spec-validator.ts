import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ParsedBody } from "./http-io.js";

interface SpecOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
}

interface SpecPath {
  parameters?: Array<{ name: string; in: string }>;
  [method: string]: unknown;
}

interface OpenApiSpec {
  paths: Record<string, SpecPath>;
  components: unknown;
}

const SPEC_ID = "discord-openapi";
// Emulators in one test file share the parsed spec and the compiled validators.
const instances = new Map<string, SpecValidator>();

/** Checks what the bot sends against Discord's OpenAPI description; returns readable problems. */
export class SpecValidator {
  readonly #spec: OpenApiSpec;
  readonly #templates: Array<{ template: string; pattern: RegExp; literals: number }>;
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();

  static for(specPath: string): SpecValidator {
    let validator = instances.get(specPath);
    if (!validator) {
      validator = new SpecValidator(specPath);
      instances.set(specPath, validator);
    }
    return validator;
  }

  private constructor(specPath: string) {
    this.#spec = JSON.parse(readFileSync(specPath, "utf8")) as OpenApiSpec;
    this.#templates = Object.keys(this.#spec.paths).map(compileTemplate);
    this.#ajv = createAjv();
    // Only the components are registered: request schemas in `paths` are compiled on demand.
    this.#ajv.addSchema({ $id: SPEC_ID, components: this.#spec.components });
  }

  check(method: string, path: string, query: URLSearchParams, body: ParsedBody): string[] {
    const template = this.#findTemplate(path);
    if (!template) return [`route ${path} is not in the OpenAPI description`];
    const pathItem = this.#spec.paths[template] ?? {};
    const operation = pathItem[method.toLowerCase()] as SpecOperation | undefined;
    if (!operation) return [`${method} is not an operation of ${template}`];
    return [
      ...unknownQueryParameters(query, [
        ...(pathItem.parameters ?? []),
        ...(operation.parameters ?? []),
      ]),
      ...this.#checkBody(`${method} ${template}`, operation, body),
    ];
  }

  #checkBody(key: string, operation: SpecOperation, body: ParsedBody): string[] {
    const { requestBody } = operation;
    if (body.json === undefined) {
      return requestBody?.required && body.files.length === 0 ? ["request body is required"] : [];
    }
    if (!requestBody?.content) return ["operation takes no request body"];
    const schema =
      requestBody.content["application/json"]?.schema ??
      requestBody.content["multipart/form-data"]?.schema;
    if (schema === undefined) return ["operation has no JSON request schema"];
    const validate = this.#validator(key, schema);
    if (validate(body.json)) return [];
    return formatErrors(validate.errors ?? []);
  }

  #validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile(pointRefsAtSpec(schema) as object);
      this.#validators.set(key, validate);
    }
    return validate;
  }

  #findTemplate(path: string): string | undefined {
    const matches = this.#templates.filter((t) => t.pattern.test(path));
    matches.sort((a, b) => b.literals - a.literals);
    return matches[0]?.template;
  }
}

function createAjv(): Ajv2020 {
  // strict: false because the spec carries OpenAPI/vendor keywords (x-discord-union, ...) that
  // are annotations, not validation rules.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  const addFormats = addFormatsModule as unknown as (instance: Ajv2020) => Ajv2020;
  addFormats(ajv); // date-time, uri, int32, int64, double
  ajv.addFormat("snowflake", /^(0|[1-9][0-9]*)$/);
  ajv.addFormat("nonce", true); // any string; the schema bounds its length
  return ajv;
}

function compileTemplate(template: string) {
  const source = template
    .split("/")
    .map((segment) =>
      /^\{.+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  const literals = template.split("/").filter((s) => s && !s.startsWith("{")).length;
  return { template, pattern: new RegExp(`^${source}$`), literals };
}

/** Request schemas are copied out of the spec, so their local refs must name the spec document. */
function pointRefsAtSpec(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/', `"${SPEC_ID}#/components/`),
  );
}

function unknownQueryParameters(
  query: URLSearchParams,
  parameters: Array<{ name: string; in: string }>,
): string[] {
  const known = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
  return [...new Set(query.keys())]
    .filter((name) => !known.has(name))
    .map((name) => `unknown query parameter "${name}"`);
}

function formatErrors(errors: ErrorObject[]): string[] {
  const lines = errors.map(
    (e) =>
      `${e.instancePath || "(body)"} ${e.message ?? e.keyword}${e.params && "allowedValues" in e.params ? ` ${JSON.stringify(e.params["allowedValues"])}` : ""}`,
  );
  return [...new Set(lines)];
}
