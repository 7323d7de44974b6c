import { DateField, NumberField, Show } from "@refinedev/antd";
import { useShow } from "@refinedev/core";
import { Descriptions, Tag } from "antd";
import type { Order } from "./order-list";

export function OrderShow() {
  const { query } = useShow<Order>();
  const order = query.data?.data;
  return (
    <Show isLoading={query.isLoading}>
      {order && (
        <Descriptions column={1} bordered>
          <Descriptions.Item label="Order">{order.number}</Descriptions.Item>
          <Descriptions.Item label="Customer">{order.customer}</Descriptions.Item>
          <Descriptions.Item label="Total">
            <NumberField value={order.total} options={{ style: "currency", currency: "EUR" }} />
          </Descriptions.Item>
          <Descriptions.Item label="Status">
            <Tag>{order.status}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="Placed">
            <DateField value={order.createdAt} />
          </Descriptions.Item>
        </Descriptions>
      )}
    </Show>
  );
}
