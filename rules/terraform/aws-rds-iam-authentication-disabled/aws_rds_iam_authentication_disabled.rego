# METADATA
# title: RDS database does not accept IAM authentication
# description: |
#   Without IAM database authentication, every client needs a long-lived database password that
#   must be stored, shared and rotated. IAM authentication lets applications connect with
#   short-lived tokens tied to their IAM role and lets access be revoked in IAM. Passwords keep
#   working. As checkov does, DB instances are checked only for the mysql and postgres engines;
#   Aurora Serverless v1 clusters, which do not support it, are not reported.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
# custom:
#   id: aws-rds-iam-authentication-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_161, CKV_AWS_162]
package converge.rules.terraform.aws_rds_iam_authentication_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_db_instance", "aws_rds_cluster"]
	some r in tf.live_resources(kind)
	supported(kind, r.body)
	tf.bool_not_true(r.body, "iam_database_authentication_enabled")
	f := {
		"msg": sprintf("%s.%s does not accept IAM database authentication", [kind, r.name]),
		"route": array.concat(r.route, ["iam_database_authentication_enabled"]),
	}
}

# CKV_AWS_161 checks DB instances of these engines only.
supported("aws_db_instance", body) if body.engine in {"mysql", "postgres"}

supported("aws_rds_cluster", body) if not object.get(body, "engine_mode", "") == "serverless"
