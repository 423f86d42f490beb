# METADATA
# title: Cloud Storage bucket does not enforce public access prevention
# description: |
#   Unless public_access_prevention is "enforced", an IAM binding for allUsers or
#   allAuthenticatedUsers, or a public object ACL, makes the bucket's data readable by anyone on
#   the internet. Enforced prevention blocks such grants whatever the IAM policy says.
# related_resources:
#   - https://cloud.google.com/storage/docs/public-access-prevention
# custom:
#   id: gcp-storage-bucket-public-access-prevention-off
#   target: terraform
#   severity: high
#   checkov: [CKV_GCP_114]
package converge.rules.terraform.gcp_storage_bucket_public_access_prevention_off

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

findings contains f if {
	some b in tf.resources("google_storage_bucket")
	v := object.get(b.body, "public_access_prevention", "inherited")
	v != "enforced"
	not gcp.is_expr(v)
	f := {
		"msg": sprintf("google_storage_bucket.%s does not set public_access_prevention = \"enforced\"", [b.name]),
		"route": array.concat(b.route, ["public_access_prevention"]),
		"case": version_case,
	}
}

# The argument appeared during google provider 4.x.
version_case := "google_3" if gcp.below(4)

else := "current"
