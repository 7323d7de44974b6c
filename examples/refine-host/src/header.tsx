import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useGetIdentity, useLogout } from "@refinedev/core";
import { Avatar, Button, Layout, Space, Tag, Typography } from "antd";
import type { Me } from "./auth-provider";
import { usage } from "./usage-console"; // usage-console

export function Header() {
  const { data: me } = useGetIdentity<Me>();
  const { mutate: logout } = useLogout();
  return (
    <Layout.Header style={{ background: "#fff", display: "flex", justifyContent: "flex-end", alignItems: "center", padding: "0 16px", height: 64 }}>
      <Space size="middle">
        <usage.HeaderItems /> {/* usage-console */}
        {me && (
          <Space>
            <Avatar size="small" icon={<UserOutlined />} />
            <Typography.Text>{me.name}</Typography.Text>
            <Tag>{me.role}</Tag>
          </Space>
        )}
        <Button icon={<LogoutOutlined />} onClick={() => logout()}>
          Sign out
        </Button>
      </Space>
    </Layout.Header>
  );
}
