// The yardstick of the benchmark: a minimal Refine + antd page with one table, no auth.
import { List, useTable } from "@refinedev/antd";
import { Refine } from "@refinedev/core";
import routerProvider from "@refinedev/react-router";
import simpleRest from "@refinedev/simple-rest";
import { Table } from "antd";
import { useEffect } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { markDataOnScreen } from "../../src/ui/marks";

function Rows() {
  const { tableProps } = useTable({ resource: "rows" });
  const ready = (tableProps.dataSource?.length ?? 0) > 0;
  useEffect(() => {
    if (ready) markDataOnScreen();
  }, [ready]);
  return (
    <List>
      <Table {...tableProps} rowKey="id">
        <Table.Column dataIndex="name" title="Name" />
        <Table.Column dataIndex="value" title="Value" />
      </Table>
    </List>
  );
}

createRoot(document.getElementById("root")!).render(
  <BrowserRouter>
    <Refine routerProvider={routerProvider} dataProvider={simpleRest("/api")} resources={[{ name: "rows", list: "/" }]} options={{ disableTelemetry: true }}>
      <Routes>
        <Route path="/" element={<Rows />} />
      </Routes>
    </Refine>
  </BrowserRouter>,
);
