import { useCan, useGetIdentity } from "@refinedev/core";
import { Result, Spin } from "antd";
import { Navigate } from "react-router";
import { type Me, PERMISSIONS } from "../../lib/client";

/** "/": the integrations overview for those who may read it, a home page for an owner, else a word on what the role allows. */
export function Home() {
  const { data: me, isLoading } = useGetIdentity<Me>();
  const integrations = useCan({ resource: "integrations", action: "list" });
  if (isLoading || integrations.isLoading) return <Spin style={{ display: "block", margin: 48 }} />;
  if (integrations.data?.can) return <Navigate to="/integrations" replace />;
  if (me?.permissions.includes(PERMISSIONS.restaurantReadOwn)) return <Navigate to="/my-restaurant" replace />;
  return (
    <Result status="info" title={`Welcome, ${me?.name ?? ""}`} subTitle="Your role has no access to the integrations. Ask an administrator if you need it." />
  );
}
