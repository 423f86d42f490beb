package converge.rules.terraform.aws_ec2_instance_metadata_v1_allowed_test

import rego.v1

import data.converge.rules.terraform.aws_ec2_instance_metadata_v1_allowed as rule

test_missing_block_is_reported if {
	some f in rule.findings with input as {"resource": {"aws_instance": {"i": {}}}}
	f.route == ["resource", "aws_instance", "i", "metadata_options", 0, "http_tokens"]
}

test_required_is_clean if {
	doc := {"resource": {"aws_instance": {"i": {"metadata_options": [{"http_tokens": "required"}]}}}}
	count(rule.findings) == 0 with input as doc
}

test_disabled_endpoint_is_clean if {
	doc := {"resource": {"aws_launch_template": {"t": {"metadata_options": [{"http_endpoint": "disabled"}]}}}}
	count(rule.findings) == 0 with input as doc
}
