import { CheckOutlined, CopyOutlined } from "@ant-design/icons";
import { type HttpError, useCreate } from "@refinedev/core";
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { errorMessage } from "../../../client/http";
import type { CreateKeyRequest, CreateKeyResponse } from "../api";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES } from "../data-provider";
import { PURPOSE_OPTIONS } from "../view";

/**
 * Create key: a name and an integration type, then the key itself, shown this once with Copy.
 * Closing asks for confirmation; the secret lives only in this dialog's state and is dropped on close.
 */
export function CreateKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateKeyRequest>();
  const { modal, message } = App.useApp();
  const { mutate, mutation } = useCreate<CreateKeyResponse, HttpError, CreateKeyRequest>();
  const [created, setCreated] = useState<CreateKeyResponse | null>(null);
  const [copied, setCopied] = useState(false);

  const finish = () => {
    setCreated(null);
    setCopied(false);
    mutation.reset();
    form.resetFields();
    onClose();
  };
  const close = () => {
    if (!created) return mutation.isPending ? undefined : finish();
    const content = copied ? "The key will not be shown again." : "You have not copied the key. It will not be shown again: you would have to create another.";
    modal.confirm({ title: "Close without the key?", content, okText: "Close", cancelText: "Back to the key", onOk: finish });
  };

  async function submit() {
    // An invalid form shows its reasons beside the fields; nothing else to do (and no unhandled rejection).
    const fields = await form.validateFields().catch(() => null);
    if (!fields) return;
    const { name, purpose } = fields;
    const values = { name: name.trim(), purpose };
    const request = {
      resource: API_KEYS_RESOURCES.keys,
      dataProviderName: API_KEYS_PROVIDER,
      values,
      successNotification: false,
      errorNotification: false,
    } as const;
    mutate(request, {
      onSuccess: ({ data }) => setCreated(data),
      // The server's words about a field go under that field.
      onError: ({ errors = {} }) =>
        form.setFields((["name", "purpose"] as const).filter((f) => errors[f]).map((f) => ({ name: f, errors: [String(errors[f])] }))),
    });
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(created!.plaintext);
      setCopied(true);
      message.success("Key copied.");
    } catch {
      message.warning("The browser did not allow copying: select the key and copy it yourself.");
    }
  }

  // The form's footer is Cancel and Create key; the key's is Done alone.
  return (
    <Modal
      open={open}
      title={created ? `Your new key: ${created.name}` : "Create API key"}
      onCancel={close}
      maskClosable={false}
      destroyOnHidden
      okText={created ? "Done" : "Create key"}
      onOk={created ? close : submit}
      okButtonProps={{ loading: mutation.isPending }}
      cancelButtonProps={{ disabled: mutation.isPending }}
      footer={(buttons, { OkBtn }) => (created ? <OkBtn /> : buttons)}
    >
      {created ? (
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon message="Copy this key now. It is shown only once and cannot be shown again." />
          <Typography.Paragraph code style={{ wordBreak: "break-all", margin: 0 }} data-testid="plaintext-key">
            {created.plaintext}
          </Typography.Paragraph>
          <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={copy}>
            {copied ? "Copied" : "Copy"}
          </Button>
        </Flex>
      ) : (
        <Form form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
          <Form.Item
            name="name"
            label="Name"
            rules={[{ required: true, whitespace: true, message: "Name the key, e.g. after the workflow that uses it." }, { max: 100 }]}
          >
            <Input maxLength={100} autoFocus />
          </Form.Item>
          <Form.Item name="purpose" label="Integration type" rules={[{ required: true, message: "Choose where the key will be used." }]}>
            <Select options={PURPOSE_OPTIONS} placeholder="Zapier, n8n, Google Sheets or Custom" />
          </Form.Item>
          {mutation.isError && <Alert type="error" showIcon message="The key was not created" description={errorMessage(mutation.error)} role="alert" />}
        </Form>
      )}
    </Modal>
  );
}
