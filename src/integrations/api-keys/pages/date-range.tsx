import { DatePicker, Flex, Grid } from "antd";
import dayjs, { type Dayjs } from "dayjs";

export type Range = [Dayjs, Dayjs] | null;

const STARTS = { "Last 7 days": dayjs().subtract(6, "day"), "Last 30 days": dayjs().subtract(29, "day"), "This month": dayjs().startOf("month") };
const PRESETS = Object.entries(STARTS).map(([label, from]) => ({ label, value: [from, dayjs()] as [Dayjs, Dayjs] }));

/**
 * The date range (empty: all time). A range picker with presets where there is room; on a phone,
 * whose width cannot hold two months side by side, a From and a To picker of one month each.
 */
export function DateRange({ value, onChange }: { value: Range; onChange: (range: Range) => void }) {
  const wide = Grid.useBreakpoint().md ?? true;
  if (wide) {
    return (
      <DatePicker.RangePicker
        value={value}
        onChange={(v) => onChange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
        presets={PRESETS}
        allowClear
        placeholder={["From", "To"]}
        aria-label="Date range"
      />
    );
  }
  // One end alone is a range up to today or from the first day of the other.
  const set = (from: Dayjs | null, to: Dayjs | null) => onChange(from || to ? [from ?? dayjs("2000-01-01"), to ?? dayjs()] : null);
  return (
    <Flex gap={8} style={{ width: "100%" }}>
      <DatePicker
        value={value?.[0]}
        onChange={(d) => set(d, value?.[1] ?? null)}
        placeholder="From"
        aria-label="From"
        style={{ flex: 1 }}
        disabledDate={(d) => Boolean(value && d.isAfter(value[1], "day"))}
      />
      <DatePicker
        value={value?.[1]}
        onChange={(d) => set(value?.[0] ?? null, d)}
        placeholder="To"
        aria-label="To"
        style={{ flex: 1 }}
        disabledDate={(d) => Boolean(value && d.isBefore(value[0], "day"))}
      />
    </Flex>
  );
}
