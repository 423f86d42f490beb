package converge.rules.terraform.aws_kms_key_rotation_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_kms_key_rotation_disabled as rule

test_symmetric_without_rotation_is_reported if {
	some f in rule.findings with input as {"resource": {"aws_kms_key": {"k": {}}}}
	f.route == ["resource", "aws_kms_key", "k", "enable_key_rotation"]
}

test_asymmetric_keys_are_skipped if {
	doc := {"resource": {"aws_kms_key": {"k": {"customer_master_key_spec": "RSA_2048", "key_usage": "SIGN_VERIFY"}}}}
	count(rule.findings) == 0 with input as doc
}

test_rotation_on_is_clean if {
	count(rule.findings) == 0 with input as {"resource": {"aws_kms_key": {"k": {"enable_key_rotation": true}}}}
}
