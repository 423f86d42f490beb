# METADATA
# title: RDS backups are kept for less than 7 days
# description: |
#   Automated backups are the only way back to a point in time before a bad migration or a
#   deletion; fewer than seven days rarely covers the time it takes to notice.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
# custom:
#   id: aws-rds-backup-retention-too-short
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_133]
package converge.rules.terraform.aws_rds_backup_retention_too_short

import rego.v1

import data.converge.lib.terraform as tf

minimum := 7

findings contains f if {
	some kind in ["aws_db_instance", "aws_rds_cluster"]
	some db in tf.resources(kind)
	not db.body.replicate_source_db
	retention := object.get(db.body, "backup_retention_period", 1)
	is_number(retention)
	retention < minimum
	f := {
		"msg": sprintf("%s.%s keeps backups for %d days (minimum %d)", [kind, db.name, retention, minimum]),
		"route": array.concat(db.route, ["backup_retention_period"]),
	}
}
