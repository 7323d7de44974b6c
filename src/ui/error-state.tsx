import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Result } from "antd";

export interface ErrorStateProps {
  message: string;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
  /** An inline alert instead of a whole-page result. */
  compact?: boolean;
}

/** An error in words with a way to try again. */
export function ErrorState({ message, title = "Could not load this", onRetry, retrying, compact }: ErrorStateProps) {
  const retry = onRetry ? (
    <Button icon={<ReloadOutlined />} onClick={onRetry} loading={retrying} size={compact ? "small" : "middle"}>
      Retry
    </Button>
  ) : null;
  if (compact) return <Alert type="error" showIcon message={title} description={message} action={retry} role="alert" />;
  return <Result status="warning" title={title} subTitle={message} extra={retry} />;
}
