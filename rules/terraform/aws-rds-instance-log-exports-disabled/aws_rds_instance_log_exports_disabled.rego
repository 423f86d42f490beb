# METADATA
# title: RDS DB instance does not export its logs to CloudWatch Logs
# description: |
#   Without enabled_cloudwatch_logs_exports, the database's logs (errors, audit records, slow
#   queries) stay on the instance, where RDS rotates them away after a few days and where they
#   are lost with the instance; they cannot be searched, alarmed on or kept for an
#   investigation. Exported logs go to CloudWatch Logs log groups named after the instance.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
# custom:
#   id: aws-rds-instance-log-exports-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_129]
package converge.rules.terraform.aws_rds_instance_log_exports_disabled

import rego.v1

import data.converge.lib.terraform as tf

# As checkov reads it: a missing, null or empty list exports nothing; an expression is unknown.
exports_nothing(body) if not "enabled_cloudwatch_logs_exports" in object.keys(body)

exports_nothing(body) if body.enabled_cloudwatch_logs_exports == null

exports_nothing(body) if body.enabled_cloudwatch_logs_exports == []

findings contains f if {
	some r in tf.live_resources("aws_db_instance")
	exports_nothing(r.body)
	f := {
		"msg": sprintf("aws_db_instance.%s does not export its logs to CloudWatch Logs", [r.name]),
		"route": array.concat(r.route, ["enabled_cloudwatch_logs_exports"]),
		"case": engine_family(object.get(r.body, "engine", null)),
	}
}

# The log types each engine can export; the remediation picks the list from this case.
engine_family(e) := "postgres" if e == "postgres"

engine_family(e) := "mysql" if e in {"mysql", "mariadb"}

engine_family(e) := "oracle" if {
	is_string(e)
	startswith(e, "oracle-")
}

# SQL Server Express has no SQL Server Agent, hence no agent log.
engine_family(e) := "sqlserver_express" if e == "sqlserver-ex"

engine_family(e) := "sqlserver" if e in {"sqlserver-ee", "sqlserver-se", "sqlserver-web"}

# Aurora, Db2, RDS Custom, an engine given by an expression, or none (a replica or a restore
# inherits its engine).
engine_family(e) := "unknown" if not _known(e)

_known(e) if e in {"postgres", "mysql", "mariadb", "sqlserver-ex", "sqlserver-ee", "sqlserver-se", "sqlserver-web"}

_known(e) if {
	is_string(e)
	startswith(e, "oracle-")
}
