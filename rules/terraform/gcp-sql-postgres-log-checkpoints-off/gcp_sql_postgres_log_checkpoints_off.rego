# METADATA
# title: Cloud SQL PostgreSQL instance does not log checkpoints
# description: |
#   Without log_checkpoints, checkpoints and restartpoints leave no line in the server log, with
#   the buffers they wrote and the time they took: the first clue when write latency spikes or crash
#   recovery is slow. checkov requires the flag to be set to "on" explicitly (PostgreSQL turns it on
#   by default only from version 15).
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: gcp-sql-postgres-log-checkpoints-off
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_51]
package converge.rules.terraform.gcp_sql_postgres_log_checkpoints_off

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("log_checkpoints", {"on"}, "on")
}
