import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useGetIdentity, useLogout } from "@refinedev/core";
import { Avatar, Button, Flex, Grid, Layout, Tag, Typography } from "antd";
import type { Me } from "../lib/client";
import { usage } from "./app";

export function Header() {
  const { data: me } = useGetIdentity<Me>();
  const { mutate: logout } = useLogout();
  const screens = Grid.useBreakpoint();
  return (
    <Layout.Header
      style={{
        background: "#fff",
        padding: "0 16px",
        display: "flex",
        justifyContent: "flex-end",
        alignItems: "center",
        height: 64,
        position: "sticky",
        top: 0,
        zIndex: 10,
        borderBottom: "1px solid #f0f0f0",
      }}
    >
      <Flex align="center" gap={12}>
        <usage.HeaderItems />
        {me && (
          <Flex align="center" gap={8}>
            <Avatar size="small" icon={<UserOutlined />} />
            {screens.sm && <Typography.Text>{me.name}</Typography.Text>}
            <Tag>{me.roles.join(", ")}</Tag>
          </Flex>
        )}
        <Button icon={<LogoutOutlined />} onClick={() => logout()} aria-label="Sign out">
          {screens.sm ? "Sign out" : null}
        </Button>
      </Flex>
    </Layout.Header>
  );
}
