import type { HttpError } from "@refinedev/core";
import { Alert, Form, Input, InputNumber, Modal, Typography } from "antd";
import { useEffect, useRef } from "react";
import { errorMessage } from "../../../client/http";
import { RENEW_DEFAULT_AMOUNT, RENEW_MAX_AMOUNT, RENEW_REASON_MAX, type RenewInput, type RenewOutcome } from "../api";
import { type Attempt, answeredBy, nextAttempt, useRenew } from "./queries";

export interface RenewTarget {
  restaurantId: string;
  restaurantName: string;
}

/**
 * "Renew +1000": amount (1000 by default) and a reason, then one renewal. Trying again after a
 * request whose answer never arrived sends the same Idempotency-Key, so a lost answer is not a
 * second renewal; after an answer (even an error), a new click is a new renewal with a new key.
 */
export function RenewDialog({ target, onClose, onRenewed }: { target: RenewTarget | null; onClose: () => void; onRenewed: (outcome: RenewOutcome) => void }) {
  const [form] = Form.useForm<RenewInput>();
  const attempt = useRef<Attempt | null>(null);
  const renew = useRenew();

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new target starts a new renewal (and a new key)
  useEffect(() => {
    if (!target) return;
    attempt.current = null;
    renew.reset();
    // A new target is a new renewal (and a new key); the form starts afresh as the dialog's
    // content is remounted on each opening.
  }, [target?.restaurantId]);

  async function submit() {
    if (!target || renew.isPending) return;
    // An invalid form shows its reasons beside the fields; nothing else to do (and no unhandled rejection).
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    attempt.current = nextAttempt(attempt.current, { amount: values.amount, reason: values.reason.trim() });
    renew.mutate(
      { restaurantId: target.restaurantId, input: attempt.current.input, key: attempt.current.key },
      {
        onSuccess: (outcome) => {
          onRenewed(outcome);
          onClose();
        },
        onError: (error) => {
          if (attempt.current) attempt.current = answeredBy(attempt.current, (error as unknown as HttpError).statusCode);
          // The server's 422 names the field: show its reason beside that input.
          const fields = (error as unknown as HttpError).errors ?? {};
          form.setFields((["amount", "reason"] as const).filter((name) => fields[name]).map((name) => ({ name, errors: [String(fields[name])] })));
        },
      },
    );
  }

  return (
    <Modal
      open={Boolean(target)}
      title={`Renew ${target?.restaurantName ?? ""}`}
      okText="Renew"
      onOk={submit}
      onCancel={() => !renew.isPending && onClose()}
      confirmLoading={renew.isPending}
      cancelButtonProps={{ disabled: renew.isPending }}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">Adds conversations to this month's allowance. The amount counts until the month ends.</Typography.Paragraph>
      <Form
        form={form}
        preserve={false}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ amount: RENEW_DEFAULT_AMOUNT, reason: "" }}
        onFinish={submit}
      >
        <Form.Item
          name="amount"
          label="Amount (conversations)"
          rules={[
            { required: true, message: "Enter an amount." },
            { type: "integer", min: 1, max: RENEW_MAX_AMOUNT, message: `A whole number from 1 to ${RENEW_MAX_AMOUNT.toLocaleString("en-US")}.` },
          ]}
        >
          <InputNumber min={1} max={RENEW_MAX_AMOUNT} precision={0} style={{ width: "100%" }} aria-label="Amount" />
        </Form.Item>
        <Form.Item name="reason" label="Reason" rules={[{ required: true, whitespace: true, message: "Say why, for the audit log." }]}>
          <Input.TextArea rows={3} maxLength={RENEW_REASON_MAX} showCount aria-label="Reason" />
        </Form.Item>
      </Form>
      {renew.isError && <Alert type="error" showIcon message="The renewal did not go through" description={errorMessage(renew.error)} role="alert" />}
    </Modal>
  );
}
