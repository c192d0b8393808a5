// How each outcome looks: its own colour, icon and words (never colour alone).
import { outcomeLabel, type Outcome } from '../../../core/send/outcome';

export interface OutcomeStyle {
  readonly label: string;
  readonly icon: string;
  readonly className: string;
}

const icons: Record<Outcome, string> = {
  accepted: '✓',
  duplicate: '≡',
  rejected: '✕',
  'not-sent': '⊘',
  unknown: '?',
  imported: '⇪',
};

export function outcomeStyle(outcome: Outcome): OutcomeStyle {
  return { label: outcomeLabel(outcome), icon: icons[outcome], className: `outcome-${outcome}` };
}
