import type { Line } from '../text.js';
import { Lines } from './Lines.js';

export function Progress({ lines, color }: { lines: Line[]; color: boolean }) {
  return <Lines lines={lines} color={color} />;
}
