# METADATA
# title: Cloud SQL PostgreSQL instance does not enable pgAudit
# description: |
#   Without the cloudsql.enable_pgaudit flag, the pgAudit extension cannot be used, and reads, writes
#   and schema changes made through SQL leave no audit trail in Cloud Logging.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/pg-audit
# custom:
#   id: gcp-sql-postgres-pgaudit-off
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_110]
package converge.rules.terraform.gcp_sql_postgres_pgaudit_off

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("cloudsql.enable_pgaudit", {"on"}, "on")
}
