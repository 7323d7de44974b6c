import { Button, Result } from "antd";
import { Link } from "react-router";

export function Forbidden() {
  return (
    <Result
      status="403"
      title="You do not have access to this page"
      subTitle="Your role does not include the permission this page needs. Ask an administrator if you should have it."
      extra={
        <Link to="/">
          <Button type="primary">Go to the start page</Button>
        </Link>
      }
    />
  );
}

export function NotFound({ what = "This page" }: { what?: string }) {
  return (
    <Result
      status="404"
      title="Not found"
      subTitle={`${what} does not exist, or it was removed.`}
      extra={
        <Link to="/">
          <Button type="primary">Go to the start page</Button>
        </Link>
      }
    />
  );
}
