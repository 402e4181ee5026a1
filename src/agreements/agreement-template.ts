/**
 * The agreement template: a text file a project adapts without touching code
 * (templates/agreement.v1.txt documents the format in its own `#!` notes, for the people who edit it).
 *
 * Line kinds: `#!` notes (skipped), blank (skipped), `@version` / `@title` directives (each exactly
 * once), article headings (`第一条 …`, numbered 1, 2, 3 … without gaps), `[[block]]` markers for
 * the tables the renderer draws, `- ` lines (printed without indent) and paragraphs.
 * `{{name}}` placeholders may appear in the title and any text.
 *
 * Everything wrong with a template is found here, at start, with the line and the name: an unknown
 * placeholder or block, a missing required one, a broken brace, a gap in the article numbers.
 */
import { readFileSync } from 'node:fs';
import { PLACEHOLDER_NAMES, type PlaceholderName, type PlaceholderValues } from './agreement-placeholders.js';

export {
  PLACEHOLDER_NAMES,
  type PlaceholderName,
  type PlaceholderValues,
  placeholderValues,
} from './agreement-placeholders.js';

export const TEMPLATE_BLOCKS = ['members', 'settlement', 'transition', 'signatures'] as const;
export type TemplateBlock = (typeof TEMPLATE_BLOCKS)[number];

/**
 * What an agreement must state in words the template controls: the parties, the flat and its area,
 * and the entitlement the settlement starts from; and the tables carrying the money, the transition
 * and the signatures (《国有土地上房屋征收与补偿条例》第二十五条). The number, page numbers and QR
 * code are drawn on every page by the renderer, so the template need not mention them.
 */
export const REQUIRED_PLACEHOLDERS: readonly PlaceholderName[] = [
  'officeName',
  'headName',
  'headIdNumber',
  'flatLabel',
  'buildingArea',
  'entitledArea',
];
export const REQUIRED_BLOCKS: readonly TemplateBlock[] = ['settlement', 'transition', 'signatures'];

export type TextPart = string | { placeholder: PlaceholderName };

export type TemplateElement =
  | { kind: 'article'; heading: TextPart[] }
  | { kind: 'paragraph'; text: TextPart[]; indent: boolean }
  | { kind: 'block'; block: TemplateBlock };

export interface AgreementTemplate {
  version: string;
  title: TextPart[];
  elements: TemplateElement[];
}

export class AgreementTemplateError extends Error {
  override readonly name = 'AgreementTemplateError';
}

const ARTICLE_HEADING = /^第([零一二三四五六七八九十]+)条(?:\s|$)/;
const BLOCK_MARKER = /^\[\[\s*([^\]]*?)\s*\]\]$/;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(PLACEHOLDER_NAMES);

export function loadAgreementTemplate(path: string): AgreementTemplate {
  const text = readFileSync(path, 'utf8');
  try {
    return parseAgreementTemplate(text);
  } catch (error) {
    if (error instanceof AgreementTemplateError)
      throw new AgreementTemplateError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

export function parseAgreementTemplate(text: string): AgreementTemplate {
  let version: string | undefined;
  let title: TextPart[] | undefined;
  const elements: TemplateElement[] = [];
  const usedPlaceholders = new Set<PlaceholderName>();
  const usedBlocks = new Set<TemplateBlock>();
  let articles = 0;

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#!')) continue;
    const parts = (source: string): TextPart[] => splitPlaceholders(source, lineNo, usedPlaceholders);

    const directive = /^@(\w+)\s*(.*)$/.exec(line);
    if (directive) {
      const [, name = '', value = ''] = directive;
      if (value === '') fail(lineNo, `@${name} needs a value`, `@${name} 后须写内容`);
      if (name === 'version') {
        if (version !== undefined) fail(lineNo, '@version appears twice', '@version 重复出现');
        if (/[{}]/.test(value)) fail(lineNo, '@version cannot contain placeholders', '@version 中不能使用占位符');
        version = value;
      } else if (name === 'title') {
        if (title !== undefined) fail(lineNo, '@title appears twice', '@title 重复出现');
        title = parts(value);
      } else {
        fail(
          lineNo,
          `unknown directive @${name} (known: @version, @title)`,
          `未知指令 @${name}（可用：@version、@title）`,
        );
      }
      continue;
    }

    const block = BLOCK_MARKER.exec(line);
    if (block) {
      const name = block[1] ?? '';
      if (!isBlock(name))
        fail(lineNo, `unknown block [[${name}]] (known: ${TEMPLATE_BLOCKS.join(', ')})`, `未知表格 [[${name}]]`);
      if (usedBlocks.has(name)) fail(lineNo, `block [[${name}]] appears twice`, `表格 [[${name}]] 重复出现`);
      usedBlocks.add(name);
      elements.push({ kind: 'block', block: name });
      continue;
    }
    if (line.includes('[[') || line.includes(']]')) {
      fail(lineNo, 'a [[block]] marker must stand alone on its line', '[[表格]] 标记须单独成行');
    }

    const article = ARTICLE_HEADING.exec(line);
    if (article) {
      articles += 1;
      const number = chineseOrdinal(article[1] ?? '');
      if (number !== articles) {
        fail(
          lineNo,
          `article ${line.split(/\s/)[0]} should be article ${articles}: articles are numbered 第一条, 第二条, … without gaps`,
          `条款编号不连续，此处应为第 ${articles} 条`,
        );
      }
      elements.push({ kind: 'article', heading: parts(line) });
      continue;
    }

    const listed = line.startsWith('- ');
    elements.push({ kind: 'paragraph', text: parts(listed ? line.slice(2).trim() : line), indent: !listed });
  }

  if (version === undefined) fail(null, 'the @version line is missing', '缺少 @version 行');
  if (title === undefined) fail(null, 'the @title line is missing', '缺少 @title 行');
  for (const name of REQUIRED_PLACEHOLDERS) {
    if (!usedPlaceholders.has(name))
      fail(null, `required placeholder {{${name}}} is never used`, `缺少必须使用的占位符 {{${name}}}`);
  }
  for (const name of REQUIRED_BLOCKS) {
    if (!usedBlocks.has(name)) fail(null, `required block [[${name}]] is missing`, `缺少必须的表格 [[${name}]]`);
  }
  return { version, title, elements };
}

/** Puts the values in; every name is known (parsing checked), so nothing is left unreplaced. */
export function fillText(parts: readonly TextPart[], values: PlaceholderValues): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : values[part.placeholder];
  return out;
}

function splitPlaceholders(source: string, lineNo: number, used: Set<PlaceholderName>): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!isPlaceholder(name)) {
      fail(
        lineNo,
        `unknown placeholder {{${name}}}; known placeholders: ${PLACEHOLDER_NAMES.join(', ')}`,
        `未知的占位符 {{${name}}}，请对照模板开头的占位符列表`,
      );
    }
    used.add(name);
    if (match.index > last) parts.push(source.slice(last, match.index));
    parts.push({ placeholder: name });
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  const rest = parts.filter((p) => typeof p === 'string').join('');
  if (rest.includes('{{') || rest.includes('}}')) fail(lineNo, 'unbalanced {{ or }}', '占位符的 {{ 与 }} 不成对');
  return parts;
}

function isPlaceholder(name: string): name is PlaceholderName {
  return KNOWN_PLACEHOLDERS.has(name);
}

function isBlock(name: string): name is TemplateBlock {
  return (TEMPLATE_BLOCKS as readonly string[]).includes(name);
}

/** 一 … 九十九, as article numbers are written; anything else is not a number here. */
function chineseOrdinal(text: string): number | null {
  const digit = (ch: string | undefined): number => '一二三四五六七八九'.indexOf(ch ?? '') + 1;
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!m || text === '') return null;
  const [, tens = '', ten = '', ones = ''] = m;
  if (ten === '') return tens === '' || ones !== '' ? null : digit(tens);
  return (tens === '' ? 1 : digit(tens)) * 10 + (ones === '' ? 0 : digit(ones));
}

function fail(lineNo: number | null, english: string, chinese: string): never {
  const where = lineNo === null ? '' : ` (line ${lineNo} / 第 ${lineNo} 行)`;
  throw new AgreementTemplateError(`Agreement template${where}: ${english} / 协议模板：${chinese}`);
}
