// The shell freezes Object.prototype (Tauri's `freezePrototype`: a polluted prototype cannot
// change how the window behaves). ECharts, as it loads, copies every name of two of its classes
// onto plain objects by assignment — `constructor` among them — which a frozen Object.prototype
// refuses (its `constructor` is read-only, so assigning one on an object that inherits it
// throws). This build step makes those copies own properties instead (the same values), so
// ECharts loads under the frozen prototype. `frozen.test.ts` loads ECharts that way.
import type { Plugin } from "vite";

export const MOCK_ASSIGNMENT = "target[name_1] = noop;";
export const MOCK_DEFINITION = "Object.defineProperty(target, name_1, { value: noop, writable: true, enumerable: true, configurable: true });";

export function echartsUnderFrozenPrototype(): Plugin {
  return {
    name: "kaidan-echarts-frozen-prototype",
    enforce: "pre",
    transform(code, id) {
      if (!/echarts[\\/]lib[\\/]core[\\/]Scheduler\.js$/.test(id)) return null;
      if (!code.includes(MOCK_ASSIGNMENT)) {
        // ECharts changed: fail the build rather than ship a window that shows nothing
        this.error("ECharts' Scheduler.js no longer has the assignment to make frozen-prototype safe: see ui/echartsFrozen.ts");
      }
      return { code: code.replace(MOCK_ASSIGNMENT, MOCK_DEFINITION), map: null };
    },
  };
}
