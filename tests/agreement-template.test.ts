import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AgreementTemplateError,
  fillText,
  loadAgreementTemplate,
  PLACEHOLDER_NAMES,
  parseAgreementTemplate,
  placeholderValues,
  REQUIRED_BLOCKS,
  REQUIRED_PLACEHOLDERS,
} from '../src/agreements/agreement-template.js';
import { agreementViewFixture, TEMPLATE_PATH, templateText } from './support/agreement-view.js';

/** The smallest template the parser accepts: every required placeholder and block, nothing else. */
const minimal = [
  '@version test.v1',
  '@title 安置房分配协议',
  '- 甲方：{{officeName}}',
  '- 乙方：{{headName}}，身份证号码：{{headIdNumber}}',
  '第一条 安置房屋',
  '安置房 {{flatLabel}}，建筑面积 {{buildingArea}} 平方米，应安置面积 {{entitledArea}} 平方米。',
  '[[settlement]]',
  '[[transition]]',
  '[[signatures]]',
].join('\n');

function parseError(text: string): string {
  try {
    parseAgreementTemplate(text);
  } catch (error) {
    expect(error).toBeInstanceOf(AgreementTemplateError);
    return (error as Error).message;
  }
  throw new Error('the template was accepted');
}

describe('the shipped template', () => {
  const template = loadAgreementTemplate(TEMPLATE_PATH);

  it('parses into its version, title, nine numbered articles and the four tables', () => {
    expect(template.version).toBe('agreement.v2');
    expect(template.title).toEqual(['安置房分配协议']);
    const articles = template.elements.filter((e) => e.kind === 'article');
    expect(articles).toHaveLength(9);
    expect(articles.map((a) => fillText(a.heading, placeholderValues(agreementViewFixture())).split(' ')[0])).toEqual([
      '第一条',
      '第二条',
      '第三条',
      '第四条',
      '第五条',
      '第六条',
      '第七条',
      '第八条',
      '第九条',
    ]);
    expect(template.elements.flatMap((e) => (e.kind === 'block' ? [e.block] : []))).toEqual([
      'members',
      'settlement',
      'transition',
      'signatures',
    ]);
  });

  it('states what 条例 Art. 25 asks of an agreement', () => {
    const text = templateText()
      .split('\n')
      .filter((line) => !line.startsWith('#!'))
      .join('\n');
    for (const term of [
      '补偿方式',
      '产权调换',
      '搬迁费',
      '过渡方式',
      '临时安置费',
      '交付',
      '钥匙',
      '{{flatLabel}}',
      '{{buildingArea}}',
    ]) {
      expect(text).toContain(term);
    }
  });

  it('lists every placeholder it may use in its notes, so editors see the whole set', () => {
    const notes = templateText()
      .split('\n')
      .filter((line) => line.startsWith('#!'))
      .join('\n');
    for (const name of PLACEHOLDER_NAMES) expect(notes).toContain(`{{${name}}}`);
    for (const name of REQUIRED_BLOCKS) expect(notes).toContain(`[[${name}]]`);
  });

  it('keeps first-line indents for paragraphs and none for "- " lines', () => {
    const paragraphs = template.elements.filter((e) => e.kind === 'paragraph');
    expect(paragraphs[0]).toMatchObject({
      indent: false,
      text: ['甲方（征收实施单位）：', { placeholder: 'officeName' }],
    });
    expect(paragraphs.filter((p) => p.indent).length).toBeGreaterThan(10);
  });
});

describe('placeholders', () => {
  it('reads each value from the view, the number of a draft as 草稿（未编号）', () => {
    const values = placeholderValues(agreementViewFixture());
    expect(values).toMatchObject({
      headName: '王秀芳',
      headIdNumber: '11010519491231002X',
      flatLabel: '7#楼2单元1502室',
      buildingArea: '112.43',
      entitledArea: '90.00',
      memberCount: '5',
      floor: '15',
    });
    expect(values.settlementSummary).toBe('应补交 人民币 109,384.00 元（大写：壹拾万零玖仟叁佰捌拾肆元整）');
    expect(placeholderValues(agreementViewFixture({ draft: true, number: '草稿' })).number).toBe('草稿（未编号）');
  });

  it('fills a text, spaces inside the braces allowed', () => {
    const template = parseAgreementTemplate(`${minimal}\n乙方 {{ headName }} 于 {{signingDate}} 签字。`);
    const last = template.elements.at(-1);
    expect(last?.kind).toBe('paragraph');
    if (last?.kind === 'paragraph')
      expect(fillText(last.text, placeholderValues(agreementViewFixture()))).toBe(
        '乙方 王秀芳 于 2026年11月27日 签字。',
      );
  });

  it('has a required set the minimal template meets', () => {
    expect(REQUIRED_PLACEHOLDERS).toEqual([
      'officeName',
      'headName',
      'headIdNumber',
      'flatLabel',
      'buildingArea',
      'entitledArea',
    ]);
    expect(REQUIRED_BLOCKS).toEqual(['settlement', 'transition', 'signatures']);
    expect(() => parseAgreementTemplate(minimal)).not.toThrow();
  });
});

describe('a template with mistakes is refused, with the line and the name, in English and Chinese', () => {
  it('an unknown placeholder', () => {
    const message = parseError(minimal.replace('{{headName}}', '{{headNmae}}'));
    expect(message).toContain('unknown placeholder {{headNmae}}');
    expect(message).toContain('未知的占位符 {{headNmae}}');
    expect(message).toContain('line 4');
    expect(message).toContain('第 4 行');
  });

  it('a required placeholder never used', () => {
    const message = parseError(minimal.replace('，身份证号码：{{headIdNumber}}', ''));
    expect(message).toContain('required placeholder {{headIdNumber}} is never used');
    expect(message).toContain('缺少必须使用的占位符 {{headIdNumber}}');
  });

  it('a required block missing, an unknown block, a block twice', () => {
    expect(parseError(minimal.replace('[[signatures]]', ''))).toContain(
      'required block [[signatures]] is missing / 协议模板：缺少必须的表格 [[signatures]]',
    );
    expect(parseError(`${minimal}\n[[photos]]`)).toContain('unknown block [[photos]]');
    expect(parseError(`${minimal}\n[[settlement]]`)).toContain('block [[settlement]] appears twice');
    expect(parseError(minimal.replace('[[transition]]', '见下表 [[transition]]'))).toContain(
      'must stand alone on its line',
    );
  });

  it('articles out of order', () => {
    const message = parseError(`${minimal}\n第三条 其他\n本协议一式四份。`);
    expect(message).toContain('article 第三条 should be article 2');
    expect(message).toContain('此处应为第 2 条');
  });

  it('a broken brace, a missing or repeated directive, an unknown directive', () => {
    expect(parseError(`${minimal}\n乙方 {{headName} 签字`)).toContain('unbalanced {{ or }}');
    expect(parseError(minimal.replace('@version test.v1', ''))).toContain('the @version line is missing');
    expect(parseError(minimal.replace('@title 安置房分配协议', ''))).toContain('the @title line is missing');
    expect(parseError(`@version again\n${minimal}`)).toContain('@version appears twice');
    expect(parseError(`@author 张三\n${minimal}`)).toContain('unknown directive @author');
  });

  it('names the file when loading from disk', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'anju-template-')), 'agreement.bad.txt');
    writeFileSync(path, minimal.replace('{{flatLabel}}', '{{flat}}'));
    expect(() => loadAgreementTemplate(path)).toThrow(
      `${path}: Agreement template (line 6 / 第 6 行): unknown placeholder {{flat}}`,
    );
  });

  it('counts articles past ten as they are written: 第十条, 第十一条, 第二十条', () => {
    const numerals = [
      '二',
      '三',
      '四',
      '五',
      '六',
      '七',
      '八',
      '九',
      '十',
      '十一',
      '十二',
      '十三',
      '十四',
      '十五',
      '十六',
      '十七',
      '十八',
      '十九',
      '二十',
      '二十一',
    ];
    const more = numerals.map((n) => `第${n}条 其他\n本条内容。`).join('\n');
    const template = parseAgreementTemplate(`${minimal}\n${more}`);
    expect(template.elements.filter((e) => e.kind === 'article')).toHaveLength(21);
    expect(parseError(`${minimal}\n${more.replace('第十一条', '第十二条')}`)).toContain(
      'article 第十二条 should be article 11',
    );
  });

  it('ignores #! notes, blank lines, a BOM and Windows line ends', () => {
    const template = parseAgreementTemplate(
      `\uFEFF#! a note with {{nonsense}} and [[blocks]]\r\n\r\n${minimal.replace(/\n/g, '\r\n')}`,
    );
    expect(template.version).toBe('test.v1');
  });
});
