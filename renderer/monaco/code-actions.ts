// Quick fixes offered as Monaco code actions on our lint markers (the light bulb and Ctrl+.).
import { locateEvent } from '../../core/batch/locate';
import { collectionSpans } from '../features/editor/batch-scan';
import {
  addIdFix,
  nearestTimestampFix,
  newIdFix,
  renameCollectionFix,
  renameDottedPropertyFix,
  utcTimestampFix,
  type QuickFix,
} from '../features/editor/quick-fixes';
import { diagnosticOf, LINT_OWNER } from './markers';
import { monaco } from './monaco';

const codeOf = (marker: monaco.editor.IMarkerData): string | undefined =>
  typeof marker.code === 'string' ? marker.code : marker.code?.value;

const fixFor = (
  code: string | undefined,
  text: string,
  newId: () => string,
  document: () => string,
): QuickFix | undefined => {
  switch (code) {
    case 'timestamp-not-utc':
      return utcTimestampFix(text);
    case 'timestamp-invalid':
      return nearestTimestampFix(text);
    case 'id-duplicate-in-batch':
      return newIdFix(text, newId());
    case 'collection-name-invalid':
      return renameCollectionFix(text, new Set(collectionSpans(document()).map((c) => c.name)));
    case 'property-name-dot':
      return renameDottedPropertyFix(text);
    case 'id-missing':
      return addIdFix(text, newId());
    default:
      return undefined;
  }
};

export function registerQuickFixes(newId: () => string): monaco.IDisposable {
  return monaco.languages.registerCodeActionProvider('json', {
    provideCodeActions(model, _range, context) {
      const actions: monaco.languages.CodeAction[] = [];
      for (const marker of context.markers) {
        if (marker.source !== 'Batch Studio' && (marker as { owner?: string }).owner !== LINT_OWNER) continue;
        // The linter's own repair when it offers one (rename a reserved or dotted name, UTC timestamp);
        // otherwise the ones computed here from the marked text.
        const own = diagnosticOf(model, marker)?.fix;
        let range = new monaco.Range(
          marker.startLineNumber,
          marker.startColumn,
          marker.endLineNumber,
          marker.endColumn,
        );
        let fix: QuickFix | undefined;
        if (own) {
          const start = model.getPositionAt(own.start);
          const end = model.getPositionAt(own.end);
          range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
          fix = { title: own.title, replacement: own.replacement };
        } else {
          // A missing id is marked on the event's `{` only; the fix needs the whole event to keep it valid.
          const diagnostic = diagnosticOf(model, marker);
          if (
            codeOf(marker) === 'id-missing' &&
            diagnostic?.collection !== undefined &&
            diagnostic.index !== undefined
          ) {
            const event = locateEvent(model.getValue(), diagnostic.collection, diagnostic.index);
            if (event) {
              const start = model.getPositionAt(event.start);
              const end = model.getPositionAt(event.end);
              range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
            }
          }
          fix = fixFor(codeOf(marker), model.getValueInRange(range), newId, () => model.getValue());
        }
        if (!fix) continue;
        actions.push({
          title: fix.title,
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          edit: {
            edits: [
              { resource: model.uri, versionId: model.getVersionId(), textEdit: { range, text: fix.replacement } },
            ],
          },
        });
      }
      return { actions, dispose() {} };
    },
  });
}
