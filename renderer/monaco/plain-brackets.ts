// Brackets in one colour. Colouring them by depth makes Monaco parse the whole text into a bracket tree on
// the UI thread (over 150 ms after pasting 20,000 events, then again as tokens arrive), and switching it off
// once that tree exists rebuilds it: so a model never has it on.
import type { monaco } from './monaco';

const OFF = { enabled: false, independentColorPoolPerBracketType: false };

export function keepBracketsPlain(model: monaco.editor.ITextModel): void {
  model.updateOptions({ bracketColorizationOptions: OFF });
  // Monaco's model service re-applies its defaults (colours on) whenever editor settings such as the tab
  // size change; put them back at once, before anything asked for the tree.
  model.onDidChangeOptions(() => {
    if (model.getOptions().bracketPairColorizationOptions.enabled)
      model.updateOptions({ bracketColorizationOptions: OFF });
  });
}
