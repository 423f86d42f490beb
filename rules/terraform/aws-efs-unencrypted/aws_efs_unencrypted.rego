# METADATA
# title: EFS file system is not encrypted at rest
# description: |
#   An unencrypted EFS file system stores its files and their metadata in the clear on AWS
#   storage. Encryption at rest can only be chosen when the file system is created.
# related_resources:
#   - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
# custom:
#   id: aws-efs-unencrypted
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_42]
package converge.rules.terraform.aws_efs_unencrypted

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_efs_file_system"]
	some r in tf.live_resources(kind)
	tf.bool_not_true(r.body, "encrypted")
	f := {
		"msg": sprintf("%s.%s is not encrypted at rest", [kind, r.name]),
		"route": array.concat(r.route, ["encrypted"]),
	}
}
