// Bar charts drawn as SVG (no chart library): horizontal bars for rankings, vertical stacked bars for
// activity over time. Each chart carries its numbers as a table too, for screen readers and copying.
import { h, svg } from './dom.js';
import { formatNumber } from './format.js';

/** One bar: a label (a link when href is given), its value and colour. */
export interface Bar {
  label: string;
  value: number;
  href?: string | undefined;
  color?: string | undefined;
}

/** One column of a stacked chart: a label and a value per series. */
export interface Column {
  label: string;
  values: number[];
  note?: string | undefined;
}

const BAR_COLOR = '#0b57d0';
let chartCount = 0;

function numbersTable(headers: string[], rows: (string | number)[][]): HTMLElement {
  return h(
    'details',
    { class: 'numbers' },
    h('summary', {}, 'Show the numbers'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
      h(
        'tbody',
        {},
        ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, typeof cell === 'number' ? formatNumber(cell) : cell)))),
      ),
    ),
  );
}

/** A ranking as horizontal bars, largest first as given. */
export function horizontalBars(title: string, bars: Bar[], unit: string): HTMLElement {
  const id = `chart-${(chartCount += 1)}`;
  const width = 480;
  const labelWidth = 190;
  const rowHeight = 26;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const scale = (width - labelWidth - 50) / max;
  const rows = bars.map((bar, index) => {
    const y = index * rowHeight;
    const label = svg(
      'text',
      { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'label' },
      bar.label.length > 25 ? `${bar.label.slice(0, 24)}…` : bar.label,
    );
    return svg(
      'g',
      {},
      svg('title', {}, `${bar.label}: ${formatNumber(bar.value)} ${unit}`),
      bar.href ? svg('a', { href: bar.href }, label) : label,
      svg('rect', {
        x: labelWidth,
        y: y + 4,
        width: Math.max(1, bar.value * scale),
        height: rowHeight - 8,
        rx: 2,
        fill: bar.color ?? BAR_COLOR,
      }),
      svg('text', { x: labelWidth + bar.value * scale + 6, y: y + 17, class: 'value' }, formatNumber(bar.value)),
    );
  });
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', { id }, title),
    svg(
      'svg',
      { viewBox: `0 0 ${width} ${Math.max(rowHeight, bars.length * rowHeight)}`, width, role: 'img', 'aria-labelledby': id },
      ...rows,
    ),
    numbersTable(
      ['', unit],
      bars.map((bar) => [bar.label, bar.value]),
    ),
  );
}

/** Columns of stacked bars (one colour per series), e.g. statements and events per month. */
export function stackedColumns(title: string, columns: Column[], series: { name: string; color: string }[]): HTMLElement {
  const id = `chart-${(chartCount += 1)}`;
  const height = 180;
  const base = height - 28;
  const columnWidth = Math.max(28, Math.min(64, 440 / Math.max(1, columns.length)));
  const width = Math.max(480, columns.length * columnWidth + 40);
  const max = Math.max(1, ...columns.map((column) => column.values.reduce((sum, value) => sum + value, 0)));
  const scale = (base - 20) / max;
  // About one label per 70 pixels: with many columns, every second (third...) one is labelled.
  const labelEvery = Math.ceil(70 / columnWidth);
  const groups = columns.map((column, index) => {
    const x = 30 + index * columnWidth;
    let top = base;
    const total = column.values.reduce((sum, value) => sum + value, 0);
    const parts = column.values.map((value, seriesIndex) => {
      top -= value * scale;
      return svg('rect', {
        x: x + 4,
        y: top,
        width: columnWidth - 8,
        height: value * scale,
        fill: series[seriesIndex]?.color ?? BAR_COLOR,
      });
    });
    return svg(
      'g',
      {},
      svg(
        'title',
        {},
        `${column.label}: ${series.map((each, seriesIndex) => `${formatNumber(column.values[seriesIndex] ?? 0)} ${each.name}`).join(', ')}${column.note ? ` (${column.note})` : ''}`,
      ),
      ...parts,
      svg('text', { x: x + columnWidth / 2, y: top - 4, 'text-anchor': 'middle', class: 'value' }, formatNumber(total)),
      index % labelEvery === 0 &&
        svg('text', { x: x + columnWidth / 2, y: base + 16, 'text-anchor': 'middle', class: 'label' }, column.label),
    );
  });
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', { id }, title),
    h(
      'ul',
      { class: 'series' },
      ...series.map((each) =>
        h(
          'li',
          {},
          svg(
            'svg',
            { viewBox: '0 0 10 10', class: 'swatch', 'aria-hidden': 'true' },
            svg('rect', { width: 10, height: 10, fill: each.color }),
          ),
          each.name,
        ),
      ),
    ),
    svg(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, width, role: 'img', 'aria-labelledby': id },
      svg('line', { x1: 26, x2: width - 10, y1: base, y2: base, class: 'axis' }),
      ...groups,
    ),
    numbersTable(
      ['', ...series.map((each) => each.name), 'note'],
      columns.map((column) => [column.label, ...column.values, column.note ?? '']),
    ),
  );
}
