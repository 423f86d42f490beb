# METADATA
# title: Cloud SQL PostgreSQL instance does not log long lock waits
# description: |
#   Without log_lock_waits, a session that waits longer than deadlock_timeout for a lock leaves no
#   log line, and lock contention behind slow queries or stalled clients goes unseen.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: gcp-sql-postgres-log-lock-waits-off
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_54]
package converge.rules.terraform.gcp_sql_postgres_log_lock_waits_off

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("log_lock_waits", {"on"}, "on")
}
