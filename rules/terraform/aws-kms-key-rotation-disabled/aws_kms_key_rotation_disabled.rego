# METADATA
# title: KMS key rotation is disabled
# description: |
#   A symmetric customer-managed key that never rotates keeps protecting data with the same
#   key material forever. Automatic rotation is free of downtime: old material stays available
#   for decryption. Asymmetric and HMAC keys cannot rotate and are not reported.
# related_resources:
#   - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   id: aws-kms-key-rotation-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_7]
package converge.rules.terraform.aws_kms_key_rotation_disabled

import rego.v1

import data.converge.lib.terraform as tf

symmetric(body) if {
	spec := object.get(body, "customer_master_key_spec", object.get(body, "key_spec", "SYMMETRIC_DEFAULT"))
	spec == "SYMMETRIC_DEFAULT"
	object.get(body, "key_usage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
}

findings contains f if {
	some key in tf.resources("aws_kms_key")
	symmetric(key.body)
	not tf.is_true(object.get(key.body, "enable_key_rotation", false))
	f := {
		"msg": sprintf("aws_kms_key.%s does not rotate its key material", [key.name]),
		"route": array.concat(key.route, ["enable_key_rotation"]),
	}
}
