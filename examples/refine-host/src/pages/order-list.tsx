import { DateField, List, NumberField, ShowButton, useTable } from "@refinedev/antd";
import { CanAccess, useUpdate } from "@refinedev/core";
import { Button, Space, Table, Tag } from "antd";

export interface Order {
  id: number;
  number: string;
  customer: string;
  total: number;
  status: "paid" | "shipped";
  createdAt: string;
}

export function OrderList() {
  const { tableProps } = useTable<Order>({ syncWithLocation: true });
  const { mutate: update } = useUpdate<Order>();
  return (
    <List>
      <Table {...tableProps} rowKey="id">
        <Table.Column dataIndex="number" title="Order" />
        <Table.Column dataIndex="customer" title="Customer" />
        <Table.Column
          dataIndex="total"
          title="Total"
          render={(value: number) => <NumberField value={value} options={{ style: "currency", currency: "EUR" }} />}
        />
        <Table.Column
          dataIndex="status"
          title="Status"
          render={(value: Order["status"]) => <Tag color={value === "shipped" ? "green" : "blue"}>{value}</Tag>}
        />
        <Table.Column dataIndex="createdAt" title="Placed" render={(value: string) => <DateField value={value} />} />
        <Table.Column<Order>
          title="Actions"
          render={(_, order) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={order.id} />
              {order.status === "paid" && (
                <CanAccess resource="orders" action="ship">
                  <Button size="small" onClick={() => update({ resource: "orders", id: order.id, values: { status: "shipped" } })}>
                    Mark shipped
                  </Button>
                </CanAccess>
              )}
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
