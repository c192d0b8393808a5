// The linter: runs every rule of the registry over a batch text and places each finding in the text.
import { PathLocator, type TextRange } from '../batch/locate';
import { finish, parseBatchSteps, type SourceMap } from '../batch/parse';
import { LineIndex, positionAt, type TextPosition } from '../batch/position';
import type { Diagnostic, EventSchemaCheck, LintOptions, LintResult, RuleCode, Severity } from './diagnostic';
import { isJsonObject } from '../json/value';
import { jsonPointer } from '../json/path';
import { RULES, RULE_CODES, isQuietEvent, type EventScratch, type Finding, type RuleDefinition } from './rule-registry';

type Scoped<S extends RuleDefinition['scope']> = {
  readonly code: RuleCode;
  readonly rule: Extract<RuleDefinition, { scope: S }>;
};

const byScope = <S extends RuleDefinition['scope']>(scope: S): Scoped<S>[] =>
  RULE_CODES.flatMap((code) => {
    const rule: RuleDefinition = RULES[code];
    return rule.scope === scope ? [{ code, rule: rule as Extract<RuleDefinition, { scope: S }> }] : [];
  });

const TEXT_RULES = byScope('text');
const DOCUMENT_RULES = byScope('document');
const BATCH_RULES = byScope('batch');
const COLLECTION_RULES = byScope('collection');
const EVENT_RULES_IN_ORDER = byScope('event');
const COLLECTION_EVENT_RULES = byScope('collection-events');
const SCHEMA_RULE = { code: 'schema-violation', rule: RULES['schema-violation'] } as const;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Turns findings into diagnostics: finds their range, line and column, and writes their message. */
class Placer {
  // V8 keeps the shape of a class's instances only while one is alive. No Placer outlives its lint, so a full
  // collection between two lints dropped the shapes of Placer and PathLocator, and with them every function
  // compiled against them (placing, locating, the event loop): the next lint ran them unoptimized, a quarter
  // of the time of a lint with 1,000 schema violations. One idle instance for the program's life keeps them.
  static readonly idle = new Placer('', undefined);
  // The same for the events' own shapes: with no event of the last batch alive after a collection, the rule
  // and schema code compiled against them was thrown away too (up to a third of a plain lint's median, measured). The
  // latest lint's first event of a collection, when small, is kept until a later lint replaces it.
  static keptEvent: unknown;

  readonly diagnostics: Diagnostic[] = [];
  private lines: LineIndex | undefined;
  private readonly paths: PathLocator;
  // Findings come roughly in text order: a cursor moves forward counting lines, and only looking back
  // further than one text's worth in total builds the index of every line (tens of ms on a large batch).
  private cursor = 0;
  private cursorLine = 1;
  private cursorLineStart = 0;
  private lookedBack = 0;

  constructor(
    private readonly text: string,
    private readonly map: SourceMap | undefined,
  ) {
    // Without repeated keys the first match is the only one: locating stops there.
    this.paths = new PathLocator(text, map !== undefined && map.duplicateKeys.length === 0);
  }

  private positionOf = (offset: number): TextPosition => {
    const target = Math.max(0, Math.min(offset, this.text.length));
    if (this.lines) return this.lines.positionAt(target);
    if (target >= this.cursor) {
      const text = this.text;
      let line = this.cursorLine;
      let lineStart = this.cursorLineStart;
      // indexOf hops line to line several times faster than reading each character.
      for (let i = text.indexOf('\n', this.cursor); i !== -1 && i < target; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
      }
      this.cursor = target;
      this.cursorLine = line;
      this.cursorLineStart = lineStart;
      return { line, column: target - lineStart + 1 };
    }
    this.lookedBack += this.cursor - target;
    if (this.lookedBack > this.text.length) {
      this.lines = new LineIndex(this.text);
      return this.lines.positionAt(target);
    }
    this.lookedBack += target;
    return positionAt(this.text, target);
  };

  eventStarts(collection: string): readonly number[] {
    return this.map?.collections.get(collection)?.eventStarts ?? [];
  }

  eventEnds(collection: string): readonly number[] {
    return this.map?.collections.get(collection)?.eventEnds ?? [];
  }

  private eventRange(collection: string | undefined, index: number | undefined): TextRange | undefined {
    if (collection === undefined || index === undefined) return undefined;
    const range = this.map?.collections.get(collection);
    const start = range?.eventStarts[index];
    const end = range?.eventEnds[index];
    return start === undefined || end === undefined ? undefined : { start, end };
  }

  private rangeOf(rule: RuleDefinition, finding: Finding): TextRange {
    if (finding.start !== undefined) {
      // An error at the very end of the text (an unclosed bracket) is an empty range there.
      const start = Math.min(finding.start, this.text.length);
      return { start, end: Math.min(finding.end ?? start + 1, this.text.length) };
    }
    const root = this.map ? { start: this.map.rootStart, end: this.map.rootEnd } : { start: 0, end: this.text.length };
    const collection = finding.collection === undefined ? undefined : this.map?.collections.get(finding.collection);
    const event = this.eventRange(finding.collection, finding.index);
    switch (rule.target) {
      case 'root':
        return root;
      case 'collection-key':
        return collection ? { start: collection.keyStart, end: collection.keyEnd } : root;
      case 'collection-value':
        return collection ? { start: collection.valueStart, end: collection.valueEnd } : root;
      case 'event':
        return event ?? root;
      case 'event-open':
        return event ? { start: event.start, end: event.start + 1 } : root;
      case 'key':
      case 'value': {
        if (!event) return root;
        const property = finding.path.length > 0 ? this.paths.locate(event.start, finding.path) : undefined;
        if (!property) return event;
        return rule.target === 'key' && property.key ? property.key : property.value;
      }
      default: {
        const unknownTarget: never = rule.target;
        throw new Error(`Unknown target ${String(unknownTarget)}`);
      }
    }
  }

  place(
    code: RuleCode,
    rule: RuleDefinition,
    found: Finding,
    defaults: { collection?: string; index?: number } = {},
  ): void {
    // Fixed-shape objects, not spreads: this runs once per diagnostic, up to hundreds of thousands of times.
    const finding: Finding = {
      collection: 'collection' in found ? found.collection : defaults.collection,
      index: 'index' in found ? found.index : defaults.index,
      path: found.path,
      start: found.start,
      end: found.end,
      facts: found.facts,
      suggestion: found.suggestion,
    };
    const { start, end } = this.rangeOf(rule, finding);
    const from = this.positionOf(start);
    const to = this.positionOf(end);
    const pointer = jsonPointer(finding.path);
    const where =
      finding.collection === undefined
        ? 'the batch'
        : finding.index === undefined
          ? `collection \`${finding.collection}\``
          : `\`${finding.collection}[${finding.index}]\``;
    const message = rule.message({
      collection: finding.collection,
      index: finding.index,
      path: finding.path,
      start: finding.start,
      end: finding.end,
      facts: finding.facts,
      suggestion: finding.suggestion,
      where,
      pointer,
      positionOf: this.positionOf,
    });
    // One fixed shape (absent fields as undefined): conditional spreads made slow, large objects,
    // which shows at 100,000 diagnostics.
    const diagnostic: Diagnostic = {
      code,
      severity: rule.severity,
      message,
      collection: finding.collection,
      index: finding.index,
      path: pointer,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      start,
      end,
      fix: finding.suggestion
        ? { title: finding.suggestion.title, start, end, replacement: finding.suggestion.replacement }
        : undefined,
    };
    this.diagnostics.push(diagnostic);
  }
}

/** Lints a batch text against every rule of spec §4 and §8; every problem is reported, with its position. */
export function lintBatch(text: string, options: LintOptions = {}): LintResult {
  return finish(lintBatchSteps(text, options));
}

/**
 * lintBatch in steps: pauses during the parse and every thousand or so events, so a caller can give its
 * event loop a turn (a signal, a cancel, other requests) during a long lint. The result is lintBatch's.
 */
export function* lintBatchSteps(text: string, options: LintOptions = {}): Generator<number, LintResult> {
  const parsed = yield* parseBatchSteps(text);
  const placer = new Placer(text, parsed.ok ? parsed.map : undefined);
  for (const { code, rule } of TEXT_RULES) for (const finding of rule.check(parsed)) placer.place(code, rule, finding);
  let collections = 0;
  let events = 0;
  let batch: Record<string, unknown[]> | undefined;

  if (parsed.ok) {
    const document = parsed.value;
    for (const { code, rule } of DOCUMENT_RULES)
      for (const finding of rule.check(document)) placer.place(code, rule, finding);
    if (isJsonObject(document)) {
      for (const { code, rule } of BATCH_RULES)
        for (const finding of rule.check(document)) placer.place(code, rule, finding);
      let allArrays = true;
      for (const [name, value] of Object.entries(document)) {
        collections++;
        for (const { code, rule } of COLLECTION_RULES)
          for (const finding of rule.check(name, value)) placer.place(code, rule, finding);
        if (!Array.isArray(value)) {
          allArrays = false;
          continue;
        }
        events += value.length;
        yield* lintEvents(placer, name, value, options);
      }
      if (allArrays) batch = document as Record<string, unknown[]>;
    }
  }

  const diagnostics = placer.diagnostics.sort(
    (a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { diagnostics, summary: { errors, warnings, infos, collections, events }, ...(batch ? { batch } : {}) };
}

function placeAll(
  placer: Placer,
  { code, rule }: Scoped<'event'>,
  findings: readonly Finding[],
  collection: string,
  index: number,
): void {
  for (const finding of findings) placer.place(code, rule, finding, { collection, index });
}

const EVENTS_PER_STEP = 1024;

/** The longest first event kept for its shape (see Placer.keptEvent): a few kilobytes at most stay alive. */
const KEPT_EVENT_LENGTH = 4096;

function* lintEvents(
  placer: Placer,
  collection: string,
  events: readonly unknown[],
  options: LintOptions,
): Generator<number, void> {
  const schema = options.schemas?.[collection];
  const starts = placer.eventStarts(collection);
  const ends = placer.eventEnds(collection);
  const stored: boolean[] = new Array<boolean>(events.length);
  const first = starts[0];
  const firstEnd = ends[0];
  if (first !== undefined && firstEnd !== undefined && firstEnd - first <= KEPT_EVENT_LENGTH)
    Placer.keptEvent = events[0];
  // One context for the whole collection, its length updated per event: no object per event.
  const scratch: EventScratch = {};
  const context: { collection: string; schema?: EventSchemaCheck; sourceLength?: number; scratch: EventScratch } = {
    collection,
    schema,
    sourceLength: undefined,
    scratch,
  };
  for (let index = 0; index < events.length; index++) {
    if (index % EVENTS_PER_STEP === EVENTS_PER_STEP - 1) yield index;
    const event = events[index];
    const start = starts[index];
    const end = ends[index];
    context.sourceLength = start === undefined || end === undefined ? undefined : end - start;
    stored[index] = true;
    if (isQuietEvent(event, context.sourceLength)) {
      if (schema) placeAll(placer, SCHEMA_RULE, SCHEMA_RULE.rule.check(event, context), collection, index);
      continue;
    }
    scratch.names = undefined;
    let rejected = false;
    for (const { code, rule } of EVENT_RULES_IN_ORDER) {
      const findings = rule.check(event, context);
      if (findings.length === 0) continue;
      if (rule.rejects) rejected = true;
      for (const finding of findings) placer.place(code, rule, finding, { collection, index });
    }
    stored[index] = !rejected;
  }
  for (const { code, rule } of COLLECTION_EVENT_RULES) {
    for (const finding of rule.check(collection, events, stored)) placer.place(code, rule, finding, { collection });
  }
}
