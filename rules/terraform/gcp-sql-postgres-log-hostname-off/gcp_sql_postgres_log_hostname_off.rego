# METADATA
# title: Cloud SQL PostgreSQL instance does not log client host names
# description: |
#   With log_hostname off, connection log lines show only the client's IP address, which is harder to
#   trace back to a machine when IP addresses are reused.
# related_resources:
#   - https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-HOSTNAME
# custom:
#   id: gcp-sql-postgres-log-hostname-off
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_108]
package converge.rules.terraform.gcp_sql_postgres_log_hostname_off

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("log_hostname", {"on"}, "on")
}
