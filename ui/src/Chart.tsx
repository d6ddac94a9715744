// A chart of the reports. Its drawing code (ECharts, EChart.tsx) is a chunk of its own, loaded
// the first time a chart is shown: a window that starts on the home screen, the order form or
// the lists never parses or holds it (idle memory, issue 20). Until it is there, the chart's
// box stands empty at its size; the tables beside every chart carry the figures anyway.
import { lazy, Suspense } from "react";

export type ChartProps = { option: object; lang: "zh-CN" | "en"; onPick?: (dataIndex: number) => void; testid?: string };

const Drawn = lazy(() => import("./EChart"));

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<div className="chart" data-testid={props.testid} />}>
      <Drawn {...props} />
    </Suspense>
  );
}
