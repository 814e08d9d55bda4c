import type { Line } from '../text.js';
import { Lines } from './Lines.js';

export function Footer({ line, color }: { line: Line; color: boolean }) {
  return <Lines lines={[line]} color={color} />;
}
