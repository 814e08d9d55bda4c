import { Chalk } from 'chalk';
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Line, Seg } from '../text.js';

function styler(color: boolean): (s: Seg) => string {
  if (!color) return (s) => s.text;
  const c = new Chalk({ level: Math.max(1, new Chalk().level) as 1 | 2 | 3 });
  return (s) => {
    let f = c;
    if (s.color) f = f[s.color as 'red'] ?? f;
    if (s.bold) f = f.bold;
    if (s.dim) f = f.dim;
    if (s.inverse) f = f.inverse;
    return f === c ? s.text : f(s.text);
  };
}

/**
 * Renders pre-fitted lines, one Ink <Text> per line (styles become ANSI here, which keeps the React
 * tree small: a frame is a few dozen nodes however large the image). Colours only when `color` is on;
 * the marks and cursor glyphs carry the meaning without them.
 */
export function Lines({ lines, color }: { lines: Line[]; color: boolean }) {
  const style = useMemo(() => styler(color), [color]);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.map(style).join('')}
        </Text>
      ))}
    </Box>
  );
}
