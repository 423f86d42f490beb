# METADATA
# title: Cloud Storage bucket uses per-object ACLs (uniform bucket-level access is off)
# description: |
#   With fine-grained access, every object carries its own ACL, so one object can be made public
#   or shared by mistake while the bucket's IAM policy looks private, and access is hard to
#   audit. Uniform bucket-level access makes IAM the only source of access.
# related_resources:
#   - https://cloud.google.com/storage/docs/uniform-bucket-level-access
# custom:
#   id: gcp-storage-bucket-uniform-access-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_29]
package converge.rules.terraform.gcp_storage_bucket_uniform_access_disabled

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

findings contains f if {
	some b in tf.resources("google_storage_bucket")
	v := object.get(b.body, "uniform_bucket_level_access", false)
	not tf.is_true(v)
	not gcp.is_expr(v)
	f := {
		"msg": sprintf("google_storage_bucket.%s does not enable uniform_bucket_level_access", [b.name]),
		"route": array.concat(b.route, ["uniform_bucket_level_access"]),
		"case": legacy_case(b.body),
	}
}

# google < 4 had bucket_policy_only, which conflicts with uniform_bucket_level_access.
legacy_case(body) := "bucket_policy_only" if "bucket_policy_only" in object.keys(body)

else := "uniform"
