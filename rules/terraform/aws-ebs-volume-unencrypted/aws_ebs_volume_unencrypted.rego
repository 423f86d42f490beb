# METADATA
# title: EBS volume is not encrypted
# description: |
#   An unencrypted volume, and every snapshot of it, holds its data in the clear; anyone who
#   can share or copy a snapshot can read it.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: aws-ebs-volume-unencrypted
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_3]
package converge.rules.terraform.aws_ebs_volume_unencrypted

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some volume in tf.resources("aws_ebs_volume")
	not tf.is_true(object.get(volume.body, "encrypted", false))
	not is_reference(object.get(volume.body, "encrypted", false))
	f := {
		"msg": sprintf("aws_ebs_volume.%s is not encrypted", [volume.name]),
		"route": array.concat(volume.route, ["encrypted"]),
	}
}

is_reference(v) if {
	is_string(v)
	startswith(v, "${")
}
