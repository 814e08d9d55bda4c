import { Box, Text } from 'ink';
import type { Line } from '../text.js';

/** Renders pre-fitted lines; colours only when `color` is on (the marks and cursor glyphs carry the meaning without it). */
export function Lines({ lines, color }: { lines: Line[]; color: boolean }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.map((s, j) =>
            color ? (
              <Text key={j} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
                {s.text}
              </Text>
            ) : (
              s.text
            ),
          )}
        </Text>
      ))}
    </Box>
  );
}
