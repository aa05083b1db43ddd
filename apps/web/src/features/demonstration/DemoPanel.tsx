import { useState } from "react";
import { Alert, Button, Segmented, Table, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { subjectIn, useAppAbility } from "../../app/ability";
import { CampaignCreateModal } from "./CampaignCreateModal";
import { StandardsList } from "./StandardsList";
import { useTRPC } from "../../app/trpc";
import type { CampaignItem } from "../../app/trpc";
import { errorMessage } from "../../app/errors";
import { useT } from "../../i18n";
import { useNode } from "../shell/nodeContext";

/** /j/:id/demo — 示范创建 campaigns run at or below this node, or that it takes part in. */
export function DemoPanel() {
  const t = useT();
  const trpc = useTRPC();
  const node = useNode();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [view, setView] = useState<"campaigns" | "standards">("campaigns");
  const [creating, setCreating] = useState(false);
  const list = useQuery(
    trpc.demonstration.campaigns.list.queryOptions({ jurisdictionId: node.id }),
  );
  const canCreate = ability.can("create", subjectIn("Campaign", node.id));
  const showStandards =
    ability.can("read", subjectIn("IndicatorSystem", node.id)) &&
    node.level !== "township";
  return (
    <div className="fz-panel">
      <div className="fz-toolbar">
        {showStandards ? (
          <Segmented
            value={view}
            onChange={(v) => setView(v as "campaigns" | "standards")}
            options={[
              { value: "campaigns", label: t("demo.view.campaigns") },
              { value: "standards", label: t("demo.view.standards") },
            ]}
          />
        ) : null}
        <span className="fz-grow" />
        {view === "campaigns" && canCreate ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
          >
            {t("camp.create")}
          </Button>
        ) : null}
      </div>
      {view === "standards" ? <StandardsList nodeId={node.id} /> : null}
      {creating ? (
        <CampaignCreateModal
          nodeId={node.id}
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate(`/campaigns/${id}`)}
        />
      ) : null}
      {view === "campaigns" && list.error ? (
        <Alert
          className="fz-mb"
          type="error"
          showIcon
          title={errorMessage(list.error, t("common.networkError"))}
        />
      ) : null}
      {view === "campaigns" ? (
        <Table<CampaignItem>
          size="small"
          rowKey="id"
          loading={list.isPending}
          pagination={false}
          dataSource={list.data ?? []}
          locale={{ emptyText: t("demo.empty") }}
          columns={[
            {
              title: t("demo.campaign"),
              key: "name",
              minWidth: 240,
              render: (_v, c) => (
                <Link to={`/campaigns/${c.id}?node=${node.id}`}>{c.name}</Link>
              ),
            },
            {
              title: t("demo.year"),
              key: "year",
              width: 70,
              render: (_v, c) => c.year,
            },
            {
              title: t("demo.owner"),
              key: "owner",
              width: 100,
              render: (_v, c) => c.ownerName,
            },
            {
              title: t("demo.system"),
              key: "system",
              width: 220,
              render: (_v, c) => `${c.systemName}(第 ${c.versionNo} 版)`,
            },
            {
              title: t("demo.participants"),
              key: "participants",
              width: 80,
              align: "right",
              render: (_v, c) => c.participants,
            },
            {
              title: t("demo.share"),
              key: "share",
              width: 220,
              render: (_v, c) => (
                <Tag color={c.meetsTarget ? "green" : "default"}>{c.share}</Tag>
              ),
            },
            {
              title: t("demo.submitDeadline"),
              key: "deadline",
              width: 110,
              render: (_v, c) => (
                <span className="fz-mono">{c.submitDeadline}</span>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
