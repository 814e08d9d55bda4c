import type { Line } from '../text.js';
import { Lines } from './Lines.js';

/** The right-hand area: the tab bar and the active tab (file tree, waste, leftovers or details). */
export function ContentPane({ tabs, content, color }: { tabs: Line; content: Line[]; color: boolean }) {
  return <Lines lines={[tabs, ...content]} color={color} />;
}
