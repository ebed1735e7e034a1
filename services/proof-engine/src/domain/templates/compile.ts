import Handlebars from 'handlebars';

/** Templates larger than this are refused before parsing (a letter is a page or two of text). */
export const MAX_TEMPLATE_BYTES = 64 * 1024;

/** Names a template may never look up: they reach JavaScript internals, not letter data. */
const FORBIDDEN = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  'toString',
  'valueOf',
  'hasOwnProperty',
]);

/** The helpers a template may use; anything else is refused when it is compiled. */
const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  /** `{{upper x}}`. */
  upper: (value: unknown) => String(value ?? '').toUpperCase(),
};

export class TemplateError extends Error {
  constructor(
    readonly code:
      | 'TEMPLATE_TOO_LARGE'
      | 'TEMPLATE_SYNTAX'
      | 'TEMPLATE_UNKNOWN_HELPER'
      | 'TEMPLATE_FORBIDDEN_NAME'
      | 'TEMPLATE_MISSING_FIELD',
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

export interface CompiledTemplate {
  /** Paths the template reads (`patient.name`, `letter.effectiveDate`…). */
  paths: Set<string>;
  render(data: Record<string, unknown>): string;
}

/** One isolated Handlebars environment: our helpers only, nothing registered globally. */
const env = Handlebars.create();
for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper);

/**
 * Compiles a letter template safely: size-limited, parsed first (syntax errors with their line),
 * helpers limited to the known ones, prototype-reaching names refused, strict mode (a missing field
 * is an error, never an empty gap in a letter), HTML-escaped output by default.
 */
export function compileTemplate(source: string): CompiledTemplate {
  if (Buffer.byteLength(source, 'utf8') > MAX_TEMPLATE_BYTES)
    throw new TemplateError('TEMPLATE_TOO_LARGE', `A template may have at most ${MAX_TEMPLATE_BYTES / 1024} KB.`);
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(source);
  } catch (err) {
    throw new TemplateError('TEMPLATE_SYNTAX', `The template does not parse: ${(err as Error).message.split('\n')[0]}`);
  }
  const paths = new Set<string>();
  inspect(ast, paths);
  let template: HandlebarsTemplateDelegate;
  try {
    template = env.compile(ast, {
      strict: true,
      knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])),
      knownHelpersOnly: true,
    });
  } catch (err) {
    throw new TemplateError('TEMPLATE_SYNTAX', (err as Error).message.split('\n')[0]!);
  }
  return {
    paths,
    render: (data) => {
      try {
        return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (err) {
        const message = (err as Error).message;
        const missing = /"(.+)" not defined in/.exec(message);
        throw new TemplateError(
          'TEMPLATE_MISSING_FIELD',
          missing ? `The letter needs a value for "${missing[1]}".` : message.split('\n')[0]!,
        );
      }
    },
  };
}

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);

/** Walks the AST: records data paths, refuses unknown helpers and prototype names. */
function inspect(node: hbs.AST.Node, paths: Set<string>): void {
  const visitPath = (p: hbs.AST.PathExpression) => {
    for (const part of p.parts) {
      if (FORBIDDEN.has(part))
        throw new TemplateError('TEMPLATE_FORBIDDEN_NAME', `"${part}" cannot be used in a template.`);
    }
    if (!p.data && p.parts.length) paths.add(p.parts.join('.'));
  };
  const visitCall = (
    path: hbs.AST.PathExpression | hbs.AST.Literal,
    params: hbs.AST.Expression[],
    isBlock: boolean,
  ) => {
    if (path.type === 'PathExpression') {
      const name = (path as hbs.AST.PathExpression).original;
      const isHelper = params.length > 0 || isBlock;
      if (isHelper && !BLOCK_HELPERS.has(name) && !HELPERS[name])
        throw new TemplateError(
          'TEMPLATE_UNKNOWN_HELPER',
          `Unknown helper "${name}"; templates may use: ${[...BLOCK_HELPERS, ...Object.keys(HELPERS)].join(', ')}.`,
        );
      if (!isHelper) visitPath(path as hbs.AST.PathExpression);
      else
        for (const part of (path as hbs.AST.PathExpression).parts)
          if (FORBIDDEN.has(part))
            throw new TemplateError('TEMPLATE_FORBIDDEN_NAME', `"${part}" cannot be used in a template.`);
    }
    for (const param of params) visitExpression(param);
  };
  const visitExpression = (e: hbs.AST.Expression) => {
    if (e.type === 'PathExpression') visitPath(e as hbs.AST.PathExpression);
    else if (e.type === 'SubExpression') {
      const sub = e as hbs.AST.SubExpression;
      visitCall(sub.path, sub.params, false);
    }
  };
  switch (node.type) {
    case 'Program':
      for (const s of (node as hbs.AST.Program).body) inspect(s, paths);
      break;
    case 'MustacheStatement': {
      const m = node as hbs.AST.MustacheStatement;
      visitCall(m.path, m.params, false);
      break;
    }
    case 'BlockStatement': {
      const b = node as hbs.AST.BlockStatement;
      visitCall(b.path, b.params, true);
      if (b.program) inspect(b.program, paths);
      if (b.inverse) inspect(b.inverse, paths);
      break;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement':
    case 'DecoratorBlock':
    case 'Decorator':
      throw new TemplateError(
        'TEMPLATE_UNKNOWN_HELPER',
        'Partials and decorators are not available in letter templates.',
      );
    default:
      break;
  }
}
