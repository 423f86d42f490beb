package converge.rules.terraform.aws_sns_topic_unencrypted_test

import rego.v1

import data.converge.rules.terraform.aws_sns_topic_unencrypted as rule

test_missing_and_empty_keys_are_reported if {
	doc := {"resource": {"aws_sns_topic": {"a": {}, "b": {"kms_master_key_id": ""}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_sns_topic", "b", "kms_master_key_id"]
}

test_any_key_is_clean if {
	doc := {"resource": {"aws_sns_topic": {
		"a": {"kms_master_key_id": "alias/aws/sns"},
		"b": {"kms_master_key_id": "${aws_kms_key.sns.id}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
