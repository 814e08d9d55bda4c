import { Box, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import type { ProgressEvent } from '../../layers/model.js';
import type { ExplorerModel } from '../model.js';
import { progressLines, screen, type LoadProgress } from '../selectors.js';
import { initialState, reduce, type Action, type ExplorerState } from '../state.js';
import { resolveKey } from '../keymap.js';
import { ContentPane } from './ContentPane.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { LayersPane } from './LayersPane.js';
import { Lines } from './Lines.js';
import { Progress } from './Progress.js';

export type ModelLoader = (onProgress: (e: ProgressEvent) => void, signal: AbortSignal) => Promise<ExplorerModel>;

export interface AppProps {
  /** The model, or a loader that reads the image (a progress view shows meanwhile). */
  model?: ExplorerModel;
  load?: ModelLoader;
  title: string;
  color: boolean;
  columns: number;
  rows: number;
  initial?: Partial<Pick<ExplorerState, 'sort' | 'compare'>>;
}

interface AppState {
  model: ExplorerModel | null;
  ex: ExplorerState | null;
  progress: LoadProgress;
  columns: number;
  rows: number;
  quit: boolean;
}

type AppAction = Action | { type: 'loaded'; model: ExplorerModel } | { type: 'progress'; event: ProgressEvent };

function appReduce(initial: AppProps['initial']) {
  return (a: AppState, action: AppAction): AppState => {
    if (action.type === 'loaded') return { ...a, model: action.model, ex: initialState(action.model, a, initial) };
    if (action.type === 'progress') return { ...a, progress: nextProgress(a.progress, action.event) };
    if (action.type === 'resize') {
      const b = { ...a, columns: action.columns, rows: action.rows };
      return a.model && a.ex ? { ...b, ex: reduce(a.model, a.ex, action) } : b;
    }
    if (!a.model || !a.ex) {
      // while loading only quitting means something
      if (action.type === 'key') {
        const r = resolveKey(action.input, action.key, 'normal');
        if (r && 'action' in r && r.action === 'quit') return { ...a, quit: true };
      }
      return a;
    }
    const ex = reduce(a.model, a.ex, action);
    return ex === a.ex ? a : { ...a, ex, quit: ex.quit };
  };
}

function nextProgress(p: LoadProgress, e: ProgressEvent): LoadProgress {
  switch (e.kind) {
    case 'start':
      return { ...p, source: e.source, bytesTotal: e.bytesTotal, layersTotal: e.layersTotal };
    case 'bytes':
      return { ...p, bytesRead: e.bytesRead, bytesTotal: e.bytesTotal ?? p.bytesTotal };
    case 'layer':
      return { ...p, layersDone: e.layersDone, layersTotal: e.layersTotal ?? p.layersTotal, bytesRead: e.bytesRead };
    case 'analyzing':
      return { ...p, analysing: true };
  }
}

/** The explorer: the only component that reads keys. It resolves them through the key map and dispatches to the reducer. */
export function App(props: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const reducer = useMemo(() => appReduce(props.initial), [props.initial]);
  const [st, dispatch] = useReducer(reducer, null, (): AppState => {
    const base = {
      columns: props.columns,
      rows: props.rows,
      progress: { title: props.title, source: null, layersDone: 0, layersTotal: null, bytesRead: 0, bytesTotal: null, analysing: false },
      quit: false,
    };
    return props.model ? { ...base, model: props.model, ex: initialState(props.model, base, props.initial) } : { ...base, model: null, ex: null };
  });

  useInput((input, key) => dispatch({ type: 'key', input, key }));

  useEffect(() => {
    const onResize = () => dispatch({ type: 'resize', columns: stdout.columns || props.columns, rows: stdout.rows || props.rows });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, props.columns, props.rows]);

  useEffect(() => {
    if (!props.load || props.model) return;
    const ac = new AbortController();
    props.load((event) => dispatch({ type: 'progress', event }), ac.signal).then(
      (model) => dispatch({ type: 'loaded', model }),
      (e: unknown) => {
        if (!ac.signal.aborted) exit(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => ac.abort();
  }, []);

  useEffect(() => {
    if (st.quit) exit();
  }, [st.quit]);

  const sc = useMemo(() => (st.model && st.ex ? screen(st.model, st.ex) : null), [st.model, st.ex]);
  const color = props.color;
  if (!sc) return <Progress lines={progressLines(st.progress, st.columns, Math.max(1, st.rows - 1))} color={color} />;
  if (sc.tooSmall) return <Lines lines={[sc.tooSmall]} color={color} />;
  return (
    <Box flexDirection="column">
      <Header lines={sc.header} color={color} />
      {sc.overlay ? (
        <Lines lines={sc.overlay} color={color} />
      ) : (
        <>
          <LayersPane heading={sc.layersHeading} rows={sc.layers} info={sc.layerInfo} color={color} />
          <ContentPane tabs={sc.tabs} content={sc.content} color={color} />
        </>
      )}
      <Footer line={sc.footer} color={color} />
    </Box>
  );
}
