import type { Line } from '../text.js';
import { Lines } from './Lines.js';

/** The layer list: heading, one row per layer (size bar, waste share, command), and the selected layer's counts. */
export function LayersPane({ heading, rows, info, color }: { heading: Line; rows: Line[]; info: Line; color: boolean }) {
  return <Lines lines={[heading, ...rows, info]} color={color} />;
}
