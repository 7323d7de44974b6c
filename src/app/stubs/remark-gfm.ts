// See react-markdown.tsx beside this file.
export default function remarkGfm() {}
