import { DashboardOutlined } from "@ant-design/icons";
import { useIsAuthenticated, useLogin } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Input, Space, Tag, Typography } from "antd";
import { Navigate } from "react-router";
import { http } from "../../lib/client";

interface AuthConfig {
  demo: { users: Array<{ email: string; role: string }> } | null;
}

export function LoginPage() {
  const [form] = Form.useForm<{ email: string; password: string }>();
  const { mutate: login, isPending, data } = useLogin<{ email: string; password: string }>();
  const { data: config } = useQuery({ queryKey: ["auth-config"], queryFn: async () => (await http.get<AuthConfig>("/auth/config")).data });
  const { data: auth } = useIsAuthenticated();
  const failure = data && !data.success ? data.error?.message : undefined;
  if (auth?.authenticated) return <Navigate to="/" replace />;

  return (
    <Flex justify="center" align="center" style={{ minHeight: "100vh", padding: 16, background: "#f0f2f5" }}>
      <Card style={{ width: "100%", maxWidth: 400 }}>
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Space>
            <DashboardOutlined style={{ fontSize: 24, color: "#1f4fd1" }} />
            <Typography.Title level={3} style={{ margin: 0 }}>
              Usage Console
            </Typography.Title>
          </Space>
          {failure && <Alert type="error" showIcon message={failure} role="alert" data-testid="login-error" />}
          <Form form={form} layout="vertical" onFinish={(values) => login(values)} requiredMark={false}>
            <Form.Item label="Email" name="email" rules={[{ required: true, type: "email", message: "Enter your email address." }]}>
              <Input autoComplete="username" autoFocus inputMode="email" />
            </Form.Item>
            <Form.Item label="Password" name="password" rules={[{ required: true, message: "Enter your password." }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={isPending}>
              Sign in
            </Button>
          </Form>
          {config?.demo && (
            <Alert
              type="info"
              message="Demo accounts"
              description={
                <Space direction="vertical" size={4}>
                  <span>Pick a role, then type the demo password (`npm start` prints it).</span>
                  <Space size={[4, 4]} wrap>
                    {config.demo.users.map((u) => (
                      <Tag key={u.email} style={{ cursor: "pointer" }} onClick={() => form.setFieldsValue({ email: u.email })}>
                        {u.role}
                      </Tag>
                    ))}
                  </Space>
                </Space>
              }
            />
          )}
        </Space>
      </Card>
    </Flex>
  );
}
