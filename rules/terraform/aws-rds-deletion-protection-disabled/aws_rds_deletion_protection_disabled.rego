# METADATA
# title: RDS database deletion protection is disabled
# description: |
#   Without deletion protection, a `terraform destroy`, a plan that replaces the database or an
#   API call deletes it and, unless a final snapshot is taken, its data. Deletion protection
#   makes AWS refuse to delete the database until it is turned off.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection
# custom:
#   id: aws-rds-deletion-protection-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_293, CKV_AWS_139]
package converge.rules.terraform.aws_rds_deletion_protection_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_db_instance", "aws_rds_cluster"]
	some r in tf.live_resources(kind)
	tf.bool_not_true(r.body, "deletion_protection")
	f := {
		"msg": sprintf("%s.%s has deletion protection disabled", [kind, r.name]),
		"route": array.concat(r.route, ["deletion_protection"]),
	}
}
