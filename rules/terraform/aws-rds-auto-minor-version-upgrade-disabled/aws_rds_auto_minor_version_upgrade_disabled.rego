# METADATA
# title: RDS instance does not get minor engine upgrades automatically
# description: |
#   With `auto_minor_version_upgrade = false`, the database stays on the minor engine version it
#   was created with until someone upgrades it by hand, missing the security fixes that minor
#   versions ship. checkov also asks for the setting to be written out when it is left to the
#   provider's default (true).
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades
# custom:
#   id: aws-rds-auto-minor-version-upgrade-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_226]
package converge.rules.terraform.aws_rds_auto_minor_version_upgrade_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_db_instance", "aws_rds_cluster_instance"]
	some db in tf.live_resources(kind)
	tf.bool_not_true(db.body, "auto_minor_version_upgrade")
	f := {
		"msg": message(kind, db),
		"route": array.concat(db.route, ["auto_minor_version_upgrade"]),
		"case": case(db.body),
	}
}

case(body) := "missing" if not "auto_minor_version_upgrade" in object.keys(body)

else := "disabled"

message(kind, db) := sprintf("%s.%s leaves auto_minor_version_upgrade to the provider default", [kind, db.name]) if {
	case(db.body) == "missing"
} else := sprintf("%s.%s turns off automatic minor version upgrades", [kind, db.name])
