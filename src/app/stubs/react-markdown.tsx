// @refinedev/antd's MarkdownField imports react-markdown (about 110 KB of micromark) at the top of
// its index; the console renders no markdown, so the bundle gets this stand-in instead.
export default function Markdown({ children }: { children?: string }) {
  return <>{children}</>;
}
