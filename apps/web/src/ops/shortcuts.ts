// The dispatcher's keys. Pure: which action a key press means, or none (typing in a field is never a shortcut,
// and Enter on a button presses the button).

export type Action = 'next' | 'previous' | 'assign' | 'closure' | 'route' | 'street' | 'next-closure' | 'lift' | 'cancel' | 'finish' | 'language';

const KEYS: Record<string, Action> = {
  n: 'next',
  j: 'next',
  p: 'previous',
  k: 'previous',
  a: 'assign',
  c: 'closure',
  r: 'route',
  s: 'street',
  o: 'next-closure',
  x: 'lift',
  l: 'language',
  Escape: 'cancel',
  Enter: 'finish',
};

/** The action of a key press, or null. Precondition: none. */
export function actionOf(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; targetTag: string }): Action | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(e.targetTag) && e.key !== 'Escape') return null;
  // Enter on a focused button or link presses it: keyboard users reach every button with Tab.
  if (e.key === 'Enter' && ['BUTTON', 'A'].includes(e.targetTag)) return null;
  return KEYS[e.key.length === 1 ? e.key.toLowerCase() : e.key] ?? null;
}
